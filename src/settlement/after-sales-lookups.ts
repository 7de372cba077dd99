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

export interface AfterSalesLookups {
  recoveryStatus: RecoveryStatusLookup;
  chargeBacks: ChargeBackLookup;
  goodwill: GoodwillLookup;
}

export const noAfterSales: AfterSalesLookups = {
  recoveryStatus: async () => new Map(),
  chargeBacks: async () => [],
  goodwill: async () => [],
};
