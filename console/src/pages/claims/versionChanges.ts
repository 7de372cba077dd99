import type { ClaimRead } from './types';

export interface Change {
  what: string;
  before: string;
  after: string;
}

/** What differs between two decision versions: status, totals, and each job's and line's outcome. */
export function versionChanges(before: ClaimRead, after: ClaimRead): Change[] {
  const changes: Change[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    const x = a === undefined ? '—' : String(a);
    const y = b === undefined ? '—' : String(b);
    if (x !== y) changes.push({ what, before: x, after: y });
  };
  compare('status', before.status, after.status);
  for (const key of ['claimedFen', 'approvedFen', 'deductedFen', 'pendingFen', 'heldFen'] as const) compare(`totals.${key}`, before.totals[key], after.totals[key]);
  const jobIds = [...new Set([...before.jobs, ...after.jobs].map((j) => j.jobId))];
  for (const jobId of jobIds) {
    const a = before.jobs.find((j) => j.jobId === jobId);
    const b = after.jobs.find((j) => j.jobId === jobId);
    compare(`${jobId}.status`, a?.status, b?.status);
    compare(`${jobId}.reasons`, a?.reasons.map((r) => r.code).join(' '), b?.reasons.map((r) => r.code).join(' '));
    const lineIds = [...new Set([...(a?.lines ?? []), ...(b?.lines ?? [])].map((l) => l.lineId))];
    for (const lineId of lineIds) {
      const la = a?.lines.find((l) => l.lineId === lineId);
      const lb = b?.lines.find((l) => l.lineId === lineId);
      compare(`${lineId}.status`, la?.status, lb?.status);
      compare(`${lineId}.approvedFen`, la?.approvedFen, lb?.approvedFen);
      compare(`${lineId}.adjustments`, la?.adjustments.map((x) => x.code).join(' '), lb?.adjustments.map((x) => x.code).join(' '));
    }
  }
  return changes;
}
