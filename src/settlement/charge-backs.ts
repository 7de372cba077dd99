import { ledgerOf, type VersionRecord } from './ledger.js';
import type { ChargeBackRecord } from './after-sales-lookups.js';
import type { LiableParty } from '../policies/policy-schema.js';

export interface ChargeBackLine {
  chargedOn: string;
  claimNumber: string;
  lineId: string;
  partNumber: string | null;
  oldPartId: number;
  /** The party the line was charged to before the inspections rejected it. */
  liableParty: LiableParty | null;
  /** What the station was paid for the line up to the end of the period: debited back. */
  amountFen: number;
  note: string;
}

/**
 * The debit of each rejected line charged back to the station: the line's final amount as the
 * ledger booked it for the station up to `upTo` (its versions, in order). A line never paid debits nothing.
 */
export function chargeBackLines(records: readonly ChargeBackRecord[], versionsByClaim: ReadonlyMap<string, readonly VersionRecord[]>, upTo: string): ChargeBackLine[] {
  const lines: ChargeBackLine[] = [];
  for (const r of records) {
    const entries = ledgerOf(versionsByClaim.get(`${r.stationId}\u0000${r.claimNumber}`) ?? []).filter((e) => e.lineId === r.lineId && e.bookedOn <= upTo);
    const amountFen = entries.reduce((s, e) => s + e.bookedFen, 0);
    if (amountFen <= 0) continue;
    lines.push({
      chargedOn: r.chargedOn, claimNumber: r.claimNumber, lineId: r.lineId, partNumber: r.partNumber, oldPartId: r.oldPartId,
      liableParty: entries[entries.length - 1]?.liableParty ?? null, amountFen, note: r.note,
    });
  }
  return lines.sort((a, b) => (a.chargedOn + a.claimNumber + a.lineId < b.chargedOn + b.claimNumber + b.lineId ? -1 : 1));
}
