import type { DecisionJob, DecisionStatus, PartyTotal } from './decision.js';

/** The claim's status from its jobs and lines (SPEC §7). */
export function claimStatus(jobs: readonly DecisionJob[]): DecisionStatus {
  if (jobs.some((j) => j.status === 'pended')) return 'pended';
  if (jobs.every((j) => j.status === 'denied')) return 'denied';
  const lines = jobs.flatMap((j) => j.lines);
  if (jobs.some((j) => j.status === 'denied') || lines.some((l) => l.status === 'denied')) return 'partial';
  if (lines.some((l) => l.status === 'adjusted')) return 'adjusted';
  return 'approved';
}

/** Claim totals and the approved amount per liable party. */
export function summarise(jobs: readonly DecisionJob[]) {
  let claimedFen = 0, approvedFen = 0, deductedFen = 0, pendingFen = 0, heldFen = 0;
  const byParty = new Map<string, PartyTotal>();
  for (const job of jobs) {
    // The job's party, looked up at its first paid line.
    let total: PartyTotal | undefined;
    for (const line of job.lines) {
      claimedFen += line.claimedFen;
      if (line.status === 'pended') {
        pendingFen += line.claimedFen;
        continue;
      }
      approvedFen += line.approvedFen;
      deductedFen += line.claimedFen - line.approvedFen;
      if (line.hold) heldFen += line.approvedFen;
      if (line.approvedFen === 0) continue;
      if (total === undefined) {
        const { type, id } = job.liableParty;
        const key = `${type}:${id ?? ''}`;
        total = byParty.get(key);
        if (total === undefined) {
          total = id ? { type, id, approvedFen: 0 } : { type, approvedFen: 0 };
          byParty.set(key, total);
        }
      }
      total.approvedFen += line.approvedFen;
    }
  }
  return { claimedFen, approvedFen, deductedFen, pendingFen, heldFen, byParty: [...byParty.values()] };
}
