import type { Queryable } from '../db/db.js';
import type { Decision } from '../adjudication/decision.js';

export interface ReviewItem {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  productLine: string | null;
  status: string;
  decisionVersion: number;
  waitingSince: string;
  claimedFen: number;
  /** Why a person must look: the reasons of the pended jobs and lines, and the open appeal. */
  why: Array<{ jobId: string; lineId?: string; code: string; message: { en: string; zh: string } }>;
  appeal: { reason: string; filedBy: string; filedAt: string } | null;
}

export interface ReviewFilter {
  stationId?: string | undefined;
  productLine?: string | undefined;
  reasonCode?: string | undefined;
  /** Waiting since this instant or earlier (the caller turns "at least N days" into it). */
  waitingSinceOnOrBefore?: string | undefined;
  minClaimedFen?: number | undefined;
  maxClaimedFen?: number | undefined;
}

/** Where a page ends: the last item's waiting time and claim row id (the queue's sort key). */
export interface ReviewCursor {
  waitingSince: string;
  id: number;
}

export interface ReviewReasonCount {
  code: string;
  message: { en: string; zh: string };
  claims: number;
}

/**
 * The queue's rows: the latest revision of each claim number whose latest decision is pended or
 * which has an open appeal, with the filters applied ($1 … $6). Candidates come from the pended
 * decisions and open appeals (indexed), so the queue costs what is in it, not every claim.
 */
const QUEUE = `
  WITH candidates AS (
    SELECT c.station_id, c.claim_number FROM decisions d JOIN claims c ON c.id = d.claim_id WHERE d.status = 'pended'
    UNION
    SELECT c.station_id, c.claim_number FROM appeals a JOIN claims c ON c.id = a.claim_id WHERE a.resolved_at IS NULL
  ),
  heads AS (
    SELECT DISTINCT ON (c.station_id, c.claim_number) c.station_id, c.claim_number, d.id AS decision_id, d.status, d.version, d.decided_at, d.outcome
      FROM candidates k
      JOIN claims c ON c.station_id = k.station_id AND c.claim_number = k.claim_number
      JOIN decisions d ON d.claim_id = c.id
     ORDER BY c.station_id, c.claim_number, d.version DESC
  ),
  latest AS (
    SELECT DISTINCT ON (c.station_id, c.claim_number) c.id, c.station_id, c.claim_number, c.unit_id
      FROM candidates k JOIN claims c ON c.station_id = k.station_id AND c.claim_number = k.claim_number
     ORDER BY c.station_id, c.claim_number, c.revision DESC
  ),
  queue AS (
    SELECT l.id, l.claim_number, l.station_id, l.unit_id, h.decision_id, h.status, h.version, h.outcome, a.reason, a.filed_by, a.filed_at,
           COALESCE(a.filed_at, h.decided_at) AS waiting_since
      FROM latest l
      JOIN heads h ON h.station_id = l.station_id AND h.claim_number = l.claim_number
      LEFT JOIN appeals a ON a.claim_id = l.id AND a.resolved_at IS NULL
     WHERE (h.status = 'pended' OR a.id IS NOT NULL)
       AND ($1::text IS NULL OR l.station_id = $1)
       AND ($2::text IS NULL OR l.unit_id IN (SELECT unit_id FROM units WHERE product_line = $2))
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(h.outcome -> 'jobs') j, jsonb_array_elements(j -> 'reasons') r
                                         WHERE j ->> 'status' = 'pended' AND r ->> 'code' = $3))
       AND ($4::timestamptz IS NULL OR COALESCE(a.filed_at, h.decided_at) <= $4)
       AND ($5::bigint IS NULL OR (SELECT (dd.decision -> 'totals' ->> 'claimedFen')::bigint FROM decisions dd WHERE dd.id = h.decision_id) >= $5)
       AND ($6::bigint IS NULL OR (SELECT (dd.decision -> 'totals' ->> 'claimedFen')::bigint FROM decisions dd WHERE dd.id = h.decision_id) <= $6)
  )`;

const filterParams = (f: ReviewFilter) => [f.stationId ?? null, f.productLine ?? null, f.reasonCode ?? null, f.waitingSinceOnOrBefore ?? null, f.minClaimedFen ?? null, f.maxClaimedFen ?? null];

type QueueRow = { id: number; decision_id: number; outcome: unknown; claim_number: string; station_id: string; unit_id: string | null; status: string; version: number; decision: Decision | string; reason: string | null; filed_by: string | null; filed_at: Date | string | null; waiting_since: Date | string; claimed_fen: number | string | null };

const whyOf = (decision: Decision): ReviewItem['why'] =>
  decision.jobs.flatMap((job) => {
    if (job.status !== 'pended') return [];
    const pendedLines = new Set(job.lines.filter((l) => l.status === 'pended').map((l) => l.lineId));
    return job.reasons
      .filter((reason) => reason.lineId === undefined || pendedLines.has(reason.lineId))
      .map((reason) => ({ jobId: job.jobId, ...(reason.lineId ? { lineId: reason.lineId } : {}), code: reason.code, message: reason.message }));
  });

/** The auditors' queue: pended claims and claims with an open appeal, oldest first, in cursor pages. */
export class ReviewStore {
  constructor(private readonly db: Queryable) {}

  async list(options: ReviewFilter & { after?: ReviewCursor | undefined; limit: number }): Promise<Array<ReviewItem & { cursor: ReviewCursor }>> {
    const { rows } = await this.db.query<QueueRow>(
      `${QUEUE}
       SELECT q.*, d.decision - 'trace' AS decision, (d.decision -> 'totals' ->> 'claimedFen')::bigint AS claimed_fen
         FROM (SELECT * FROM queue
                WHERE ($7::timestamptz IS NULL OR (waiting_since, id) > ($7::timestamptz, $8::bigint))
                ORDER BY waiting_since, id
                LIMIT $9) q
         JOIN decisions d ON d.id = q.decision_id
        ORDER BY q.waiting_since, q.id`,
      [...filterParams(options), options.after?.waitingSince ?? null, options.after?.id ?? null, options.limit],
    );
    return rows.map((r) => {
      const decision = (typeof r.decision === 'string' ? JSON.parse(r.decision) : r.decision) as Decision;
      const waitingSince = new Date(r.waiting_since).toISOString();
      return {
        claimNumber: r.claim_number,
        stationId: r.station_id,
        unitId: r.unit_id,
        productLine: decision.productLine ?? null,
        status: r.status,
        decisionVersion: r.version,
        waitingSince,
        claimedFen: Number(r.claimed_fen ?? 0),
        why: whyOf(decision),
        appeal: r.reason ? { reason: r.reason, filedBy: r.filed_by ?? '', filedAt: new Date(r.filed_at as Date).toISOString() } : null,
        cursor: { waitingSince, id: Number(r.id) },
      };
    });
  }

  /** How many claims of the filtered queue wait for each reason code of their pended jobs, and the total. */
  async counts(filter: ReviewFilter, explain: (code: string) => { en: string; zh: string }): Promise<{ total: number; byReason: ReviewReasonCount[] }> {
    const params = filterParams(filter);
    const [total, byReason] = await Promise.all([
      this.db.query<{ n: number | string }>(`${QUEUE} SELECT count(*) AS n FROM queue`, params),
      this.db.query<{ code: string; claims: number | string }>(
        `${QUEUE}
         SELECT r ->> 'code' AS code, count(DISTINCT q.id) AS claims
           FROM queue q, jsonb_array_elements(q.outcome -> 'jobs') j, jsonb_array_elements(j -> 'reasons') r
          WHERE j ->> 'status' = 'pended'
          GROUP BY r ->> 'code'
          ORDER BY count(DISTINCT q.id) DESC, r ->> 'code'`,
        params,
      ),
    ]);
    return {
      total: Number(total.rows[0]?.n ?? 0),
      byReason: byReason.rows.map((r) => ({ code: r.code, message: explain(r.code), claims: Number(r.claims) })),
    };
  }
}
