import { useApiText, useMessages } from '../../i18n/language';
import { CoverageTimeline } from './CoverageTimeline';
import { JobLines } from './JobLines';
import type { ClaimRead, DecidedJob } from './types';

/** One job: coverage, liable party, pre-authorisation, reasons and lines. */
export function JobCard({ job, claim }: { job: DecidedJob; claim: ClaimRead }) {
  const t = useMessages();
  const text = useApiText();
  const c = t.claim;
  const party = `${c.parties[job.liableParty.type] ?? job.liableParty.type}${job.liableParty.id ? ` ${job.liableParty.id}` : ''}`;
  return (
    <section class="card job">
      <h2>
        {c.job(job.jobId, job.component)} · <span class={`status-${job.status === 'covered' ? 'approved' : job.status}`}>{t.common.statuses[job.status === 'covered' ? 'approved' : job.status] ?? job.status}</span>
      </h2>
      <CoverageTimeline coverage={job.coverage} failureDate={claim.claim.failureDate} odometerKm={claim.claim.odometerKm} />
      <dl class="facts">
        <dt>{c.liableParty}</dt><dd>{party}</dd>
        <dt>{c.preAuthorisation}</dt><dd>{job.preAuthorisationNumber ?? c.none}</dd>
        {job.campaign ? <><dt>{c.campaignTitle}</dt><dd data-testid="job-campaign">{c.campaign(job.campaign.code, job.campaign.version)}</dd></> : null}
      </dl>
      {job.reasons.length > 0 && (
        <ul>
          {job.reasons.map((r, i) => (
            <li key={i}><strong>{r.code}</strong> {text(r.message)}{r.lineId ? ` (${r.lineId})` : ''}</li>
          ))}
        </ul>
      )}
      <JobLines lines={job.lines} />
    </section>
  );
}
