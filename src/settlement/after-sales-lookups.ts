/**
 * What the settlement needs of the after-sales records, given by the layer above (the old-part and
 * goodwill stores) so the settlement imports nothing of it.
 */

/** Where a recovery line's old part stands after the supplier's re-inspection. */
export interface RecoveryLineStatus {
  oldPartId: number;
  recovery: 'not-applicable' | 'pending' | 'accepted' | 'disputed' | 'rejected';
  chargedBackTo: 'manufacturer' | 'service-station' | null;
}
export type RecoveryStatusLookup = (claimNumbers: readonly string[]) => Promise<ReadonlyMap<string, RecoveryLineStatus>>;

/** A line both inspections rejected whose cost the second inspection returned to the station (004 §8.2.2). */
export interface ChargeBackRecord {
  oldPartId: number;
  stationId: string;
  claimNumber: string;
  lineId: string;
  partNumber: string | null;
  /** The day of the second inspection, in the policy zone. */
  chargedOn: string;
  note: string;
}
export type ChargeBackLookup = (range: { fromInstant: string; toInstant: string; zone: string; stationId?: string | undefined }) => Promise<ChargeBackRecord[]>;

/** A goodwill grant as the statement and the recovery notice show it: apart from warranty. */
export interface GoodwillRecord {
  grantedOn: string;
  stationId: string;
  claimNumber: string;
  lineId: string;
  baseFen: number;
  manufacturerFen: number;
  supplierId: string | null;
  supplierFen: number;
  customerFen: number;
}
export type GoodwillLookup = (period: { from: string; to: string }, stationId?: string) => Promise<GoodwillRecord[]>;

/**
 * What an approved whole-unit return (004 §9) costs a station, debited on the month it was approved: the dealer's
 * share of the loss to the station that filed (§9.2, §9.5), the missing accessories to the repairer (§9.3).
 */
export interface ReturnDebitRecord {
  returnId: number;
  decidedOn: string;
  /** The station debited: the filing dealer for its share, the repairer for the accessories. */
  stationId: string;
  unitId: string;
  kind: 'exchange' | 'refund' | 'repair';
  what: 'dealer-share' | 'missing-accessories';
  why: string;
  amountFen: number;
}
export type ReturnDebitLookup = (period: { from: string; to: string }, stationId: string) => Promise<ReturnDebitRecord[]>;

export interface AfterSalesLookups {
  recoveryStatus: RecoveryStatusLookup;
  chargeBacks: ChargeBackLookup;
  goodwill: GoodwillLookup;
  returnDebits: ReturnDebitLookup;
}

export const noAfterSales: AfterSalesLookups = {
  recoveryStatus: async () => new Map(),
  chargeBacks: async () => [],
  goodwill: async () => [],
  returnDebits: async () => [],
};
