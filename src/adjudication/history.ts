/** What the core needs to know of a unit's earlier claims (the service loads it; the core never does I/O). */
export interface HistoryEntry {
  claimNumber: string;
  stationId: string;
  failureDate: string;
  repairDate: string;
  odometerKm: number | null;
  jobs: Array<{ jobId: string; component: string; partNumbers: string[]; covered: boolean }>;
}
