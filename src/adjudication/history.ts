import { z } from '../zod.js';

/** What the core needs to know of a unit's earlier claims (the service loads it; the core never does I/O). */
export interface HistoryEntry {
  claimNumber: string;
  stationId: string;
  failureDate: string;
  repairDate: string;
  odometerKm: number | null;
  /** Per job: its component, part numbers, whether it was covered, the pre-authorisation and the campaign it was filed under. */
  jobs: Array<{ jobId: string; component: string; partNumbers: string[]; covered: boolean; preAuthorisationNumber?: string | undefined; campaignCode?: string | undefined }>;
}

/** A history given as a file (CLI) or in a rule case. */
export const historySchema = z.array(
  z.object({
    claimNumber: z.string(),
    stationId: z.string(),
    failureDate: z.string(),
    repairDate: z.string(),
    odometerKm: z.number().nullable().default(null),
    jobs: z.array(z.object({ jobId: z.string(), component: z.string(), partNumbers: z.array(z.string()), covered: z.boolean(), preAuthorisationNumber: z.string().optional(), campaignCode: z.string().optional() })),
  }),
);
