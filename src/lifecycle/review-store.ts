import type { Queryable } from '../db/db.js';
import type { Decision } from '../adjudication/decision.js';

export interface ReviewItem {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  status: string;
  decisionVersion: number;
  waitingSince: string;
  /** Why a person must look: the reasons of the pended jobs and lines, and the open appeal. */
  why: Array<{ jobId: string; lineId?: string; code: string; message: { en: string; zh: string } }>;
  appeal: { reason: string; filedBy: string; filedAt: string } | null;
}

/** The auditors' queue: pended claims and claims with an open appeal, oldest first. */
export class ReviewStore {
  constructor(private readonly db: Queryable) {}

  async list(options: { stationId?: string | undefined; limit: number }): Promise<ReviewItem[]> {
    const { rows } = await this.db.query<{ claim_number: string; station_id: string; unit_id: string | null; status: string; version: number; decided_at: Date | string; decision: Decision | string; reason: string | null; filed_by: string | null; filed_at: Date | string | null }>(
      `SELECT c.claim_number, c.station_id, c.unit_id, d.status, d.version, d.decided_at, d.decision - 'trace' AS decision, a.reason, a.filed_by, a.filed_at
         FROM claims c
         JOIN LATERAL (SELECT d.status, d.version, d.decided_at, d.decision FROM decisions d JOIN claims c2 ON c2.id = d.claim_id
                        WHERE c2.claim_number = c.claim_number AND c2.station_id = c.station_id
                        ORDER BY d.version DESC LIMIT 1) d ON true
         LEFT JOIN appeals a ON a.claim_id = c.id AND a.resolved_at IS NULL
        WHERE c.revision = (SELECT max(revision) FROM claims c3 WHERE c3.station_id = c.station_id AND c3.claim_number = c.claim_number)
          AND (d.status = 'pended' OR a.id IS NOT NULL)
          AND ($1::text IS NULL OR c.station_id = $1)
        ORDER BY COALESCE(a.filed_at, d.decided_at), c.id
        LIMIT $2`,
      [options.stationId ?? null, options.limit],
    );
    return rows.map((r) => {
      const decision = (typeof r.decision === 'string' ? JSON.parse(r.decision) : r.decision) as Decision;
      const why = decision.jobs.flatMap((job) => {
        if (job.status !== 'pended') return [];
        const pendedLines = new Set(job.lines.filter((l) => l.status === 'pended').map((l) => l.lineId));
        return job.reasons
          .filter((reason) => reason.lineId === undefined || pendedLines.has(reason.lineId))
          .map((reason) => ({ jobId: job.jobId, ...(reason.lineId ? { lineId: reason.lineId } : {}), code: reason.code, message: reason.message }));
      });
      return {
        claimNumber: r.claim_number,
        stationId: r.station_id,
        unitId: r.unit_id,
        status: r.status,
        decisionVersion: r.version,
        waitingSince: new Date(r.filed_at ?? r.decided_at).toISOString(),
        why,
        appeal: r.reason ? { reason: r.reason, filedBy: r.filed_by ?? '', filedAt: new Date(r.filed_at as Date).toISOString() } : null,
      };
    });
  }
}
