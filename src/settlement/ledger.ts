import type { Decision, DecisionJob, DecisionLine } from '../adjudication/decision.js';
import type { LiableParty } from '../policies/policy-schema.js';

/** One decision version as the ledger sees it. */
export interface VersionRecord {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  version: number;
  /** The day the version was decided, in the policy zone. */
  bookedOn: string;
  decision: Decision;
}

/** A change of a line's final amount, booked on the day the version that made it was decided. */
export interface LedgerEntry {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  version: number;
  bookedOn: string;
  jobId: string;
  component: string;
  lineId: string;
  kind: DecisionLine['kind'];
  partNumber?: string;
  operationCode?: string;
  causalPartNumber: string | null;
  liableParty: LiableParty;
  claimedFen: number;
  approvedFen: number;
  /** This version's final amount minus the previous version's: what the statement pays (or claws back). */
  bookedFen: number;
  adjustments: DecisionLine['adjustments'];
  oldPart: 'not-required' | 'awaited' | 'confirmed' | 'no-defect-found' | 'customer-caused' | 'not-returned';
}

/** Final = approved and neither held for its old part nor pended. */
export function finalFen(line: DecisionLine): number {
  if (line.hold || (line.status !== 'approved' && line.status !== 'adjusted')) return 0;
  return line.approvedFen;
}

function oldPartOf(line: DecisionLine, held: boolean): LedgerEntry['oldPart'] {
  if (line.partReturn) return line.partReturn.status;
  return held ? 'awaited' : 'not-required';
}

function sameParty(a: LiableParty, b: LiableParty): boolean {
  return a.type === b.type && (a.id ?? null) === (b.id ?? null);
}

/**
 * The ledger of one claim: its versions in order, each line's change of final amount. A line
 * whose liable party changes (a supplier's line denied to the customer) is reversed against the
 * party that was charged and booked anew against the new one; a line a correction drops is
 * reversed, so the booked amounts always add up to the latest version, party by party.
 */
export function ledgerOf(versions: readonly VersionRecord[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const previous = new Map<string, { fen: number; entry: LedgerEntry }>();
  const everHeld = new Set<string>();
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const seen = new Set<string>();
    for (const job of v.decision.jobs as DecisionJob[]) {
      const causal = job.lines.find((l) => l.role === 'causal')?.partNumber ?? null;
      for (const line of job.lines) {
        seen.add(line.lineId);
        if (line.hold) everHeld.add(line.lineId);
        const now = finalFen(line);
        const entry: LedgerEntry = {
          claimNumber: v.claimNumber,
          stationId: v.stationId,
          unitId: v.unitId,
          version: v.version,
          bookedOn: v.bookedOn,
          jobId: job.jobId,
          component: job.component,
          lineId: line.lineId,
          kind: line.kind,
          ...(line.partNumber ? { partNumber: line.partNumber } : {}),
          ...(line.operationCode ? { operationCode: line.operationCode } : {}),
          causalPartNumber: causal,
          liableParty: job.liableParty,
          claimedFen: line.claimedFen,
          approvedFen: line.approvedFen,
          bookedFen: 0,
          adjustments: line.adjustments,
          oldPart: oldPartOf(line, everHeld.has(line.lineId)),
        };
        const before = previous.get(line.lineId);
        previous.set(line.lineId, { fen: now, entry });
        if (before && before.fen !== 0 && !sameParty(before.entry.liableParty, job.liableParty)) {
          entries.push({ ...entry, liableParty: before.entry.liableParty, bookedFen: -before.fen });
          if (now !== 0) entries.push({ ...entry, bookedFen: now });
        } else if (now !== (before?.fen ?? 0)) {
          entries.push({ ...entry, bookedFen: now - (before?.fen ?? 0) });
        }
      }
    }
    for (const [lineId, before] of previous) {
      if (seen.has(lineId) || before.fen === 0) continue;
      entries.push({ ...before.entry, version: v.version, bookedOn: v.bookedOn, bookedFen: -before.fen });
      previous.set(lineId, { fen: 0, entry: before.entry });
    }
  }
  return entries;
}
