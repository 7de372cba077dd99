import type { Claim, Job } from '../claims/claim-schema.js';
import type { PreAuthorisation } from './preauthorisation-schema.js';

/**
 * The pre-authorisation number a job is filed under: the job's own, else the claim's when it was
 * issued for the job's component. A claim-level number is one repair's authorisation, not the whole
 * claim's: a lamp job on a battery claim is not "under" the battery's number. A claim-level number
 * that was never issued applies to every job, so a job that needs one is told the number is unknown.
 */
export function jobPreAuthorisationNumber(
  claim: Pick<Claim, 'preAuthorisationNumber'>,
  job: Pick<Job, 'preAuthorisationNumber' | 'component'>,
  issued: readonly PreAuthorisation[],
): string | undefined {
  if (job.preAuthorisationNumber !== undefined) return job.preAuthorisationNumber;
  const number = claim.preAuthorisationNumber;
  if (number === undefined) return undefined;
  const record = issued.find((p) => p.number === number);
  return record === undefined || record.component === job.component ? number : undefined;
}
