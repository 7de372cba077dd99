import { AppError } from '../errors/app-error.js';

/**
 * The largest numbers a claim may carry. Not business numbers but the limits of exact arithmetic:
 * with them every line and every total of a claim (at most 20 jobs of 51 part lines, 50 labour lines,
 * auxiliary and travel) stays below Number.MAX_SAFE_INTEGER fen and fits the BIGINT money columns,
 * and an odometer fits the INTEGER column `claims.odometer_km`.
 */
export const CLAIM_BOUNDS = {
  /** 10,000,000 km: no vehicle gets there; the column holds 2,147,483,647. */
  odometerKm: 10_000_000,
  /** Parts of one number on one line. */
  quantity: 10_000,
  /** 10,000,000.00 yuan for one part. */
  unitPriceFen: 1_000_000_000,
  hours: 1_000,
  /** 100,000.00 yuan an hour. */
  rateFen: 10_000_000,
  /** 10,000,000.00 yuan of auxiliary materials or travel on one job. */
  amountFen: 1_000_000_000,
  travelKm: 100_000,
} as const;

export interface BoundsIssue {
  path: string;
  value: number;
  max: number;
  message: string;
}

interface BoundedJob {
  causalPart: { quantity: number; unitPriceFen: number };
  consequentialParts: ReadonlyArray<{ quantity: number; unitPriceFen: number }>;
  labour: ReadonlyArray<{ hours: number; rateFen: number }>;
  auxiliaryFen: number;
  travel?: { km: number; amountFen: number } | null | undefined;
}

/** The issue of a number above its bound; its path is only spelt out then (a claim is checked on every decision). */
function over(issues: BoundsIssue[], path: () => string, value: number, max: number, what: string): void {
  if (value > max) issues.push({ path: path(), value, max, message: `${what} ${value} is above the largest accepted, ${max}` });
}

function partIssues(issues: BoundsIssue[], p: { quantity: number; unitPriceFen: number }, path: () => string): void {
  over(issues, () => `${path()}.quantity`, p.quantity, CLAIM_BOUNDS.quantity, 'the quantity');
  over(issues, () => `${path()}.unitPriceFen`, p.unitPriceFen, CLAIM_BOUNDS.unitPriceFen, 'the unit price (fen)');
}

/** Every number of a claim above its bound, with its path. */
export function claimBoundsIssues(claim: { odometerKm: number | null; jobs: readonly BoundedJob[] }): BoundsIssue[] {
  const issues: BoundsIssue[] = [];
  const b = CLAIM_BOUNDS;
  if (claim.odometerKm !== null) over(issues, () => 'odometerKm', claim.odometerKm, b.odometerKm, 'the odometer reading (km)');
  for (let i = 0; i < claim.jobs.length; i++) {
    const job = claim.jobs[i]!;
    partIssues(issues, job.causalPart, () => `jobs.${i}.causalPart`);
    job.consequentialParts.forEach((p, k) => partIssues(issues, p, () => `jobs.${i}.consequentialParts.${k}`));
    job.labour.forEach((l, k) => {
      over(issues, () => `jobs.${i}.labour.${k}.hours`, l.hours, b.hours, 'the hours');
      over(issues, () => `jobs.${i}.labour.${k}.rateFen`, l.rateFen, b.rateFen, 'the hourly rate (fen)');
    });
    over(issues, () => `jobs.${i}.auxiliaryFen`, job.auxiliaryFen, b.amountFen, 'the auxiliary materials (fen)');
    if (job.travel) {
      over(issues, () => `jobs.${i}.travel.km`, job.travel.km, b.travelKm, 'the travel distance (km)');
      over(issues, () => `jobs.${i}.travel.amountFen`, job.travel.amountFen, b.amountFen, 'the travel amount (fen)');
    }
  }
  return issues;
}

/** A number beyond what the service computes exactly or stores: 422 with each path; nothing is stored. */
export class ClaimBoundsError extends AppError {
  constructor(readonly issues: readonly BoundsIssue[]) {
    super(422, 'number-out-of-bounds', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { errors: issues });
  }
}

/** Throws ClaimBoundsError when any number of the claim is above its bound. */
export function assertClaimBounds(claim: Parameters<typeof claimBoundsIssues>[0]): void {
  const issues = claimBoundsIssues(claim);
  if (issues.length > 0) throw new ClaimBoundsError(issues);
}
