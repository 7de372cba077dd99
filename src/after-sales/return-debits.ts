import type { ReturnDebitRecord } from '../settlement/after-sales-lookups.js';
import type { ReturnPayer } from './return-status.js';
import type { ReturnRequestRow, ReturnStep } from './return-store.js';

const WHAT = { dealer: 'dealer-share', repairer: 'missing-accessories' } as const;

/**
 * What the approved returns cost one station, as their approvals recorded who pays (the payers are kept in
 * the approval step, so a later policy does not change a past debit): the dealer's share to the station that
 * filed, the missing accessories to the repairer. A share of 0 fen debits nothing.
 */
export function returnDebitsOf(approved: ReadonlyArray<{ request: ReturnRequestRow; approval: ReturnStep }>, stationId: string): ReturnDebitRecord[] {
  const debits: ReturnDebitRecord[] = [];
  for (const { request, approval } of approved) {
    const payers = (approval.details.payers as ReturnPayer[] | undefined) ?? [];
    for (const p of payers) {
      if ((p.party !== 'dealer' && p.party !== 'repairer') || p.id !== stationId || p.fen <= 0) continue;
      debits.push({
        returnId: request.id, decidedOn: approval.onDate, stationId, unitId: request.unitId, kind: request.kind,
        what: WHAT[p.party], why: p.why, amountFen: p.fen,
      });
    }
  }
  return debits;
}
