import type { Queryable } from '../db/db.js';
import type { Decision } from '../adjudication/decision.js';
import { decisionOfRow } from '../adjudication/decision-codec.js';

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
 * The queue's rows, read from the claim_heads projection (migration 042, kept by triggers): one row
 * per claim number with its latest revision, latest decision and open appeal; in_queue when that
 * decision is pended or the appeal is open. The filters are $1 … $6.
 */
const QUEUE = `
  WITH queue AS (
    SELECT h.claim_id AS id, h.claim_number, h.station_id, h.unit_id, h.decision_id, h.status, h.version, h.reason_codes, h.claimed_fen,
           h.appeal_reason AS reason, h.appeal_filed_by AS filed_by, h.appeal_filed_at AS filed_at, h.waiting_since
      FROM claim_heads h
     WHERE h.in_queue
       AND ($1::text IS NULL OR h.station_id = $1)
       AND ($2::text IS NULL OR h.product_line = $2)
       AND ($3::text IS NULL OR h.reason_codes @> ARRAY[$3::text])
       AND ($4::timestamptz IS NULL OR h.waiting_since <= $4)
       AND ($5::bigint IS NULL OR h.claimed_fen >= $5)
       AND ($6::bigint IS NULL OR h.claimed_fen <= $6)
  )`;

const filterParams = (f: ReviewFilter) => [f.stationId ?? null, f.productLine ?? null, f.reasonCode ?? null, f.waitingSinceOnOrBefore ?? null, f.minClaimedFen ?? null, f.maxClaimedFen ?? null];

type QueueRow = { id: number; decision_id: number; reason_codes: string[]; claim_number: string; station_id: string; unit_id: string | null; status: string; version: number; decision: Decision | string; reason: string | null; filed_by: string | null; filed_at: Date | string | null; waiting_since: Date | string; claimed_fen: number | string | null };

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
       SELECT q.*, d.decision - 'trace' AS decision
         FROM (SELECT * FROM queue
                WHERE ($7::timestamptz IS NULL OR (waiting_since, id) > ($7::timestamptz, $8::bigint))
                ORDER BY waiting_since, id
                LIMIT $9) q
         JOIN decisions d ON d.id = q.decision_id
        ORDER BY q.waiting_since, q.id`,
      [...filterParams(options), options.after?.waitingSince ?? null, options.after?.id ?? null, options.limit],
    );
    return rows.map((r) => {
      const decision = decisionOfRow<Decision>(r.decision);
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
         SELECT code, count(*) AS claims
           FROM queue q, unnest(q.reason_codes) code
          GROUP BY code
          ORDER BY count(*) DESC, code`,
        params,
      ),
    ]);
    return {
      total: Number(total.rows[0]?.n ?? 0),
      byReason: byReason.rows.map((r) => ({ code: r.code, message: explain(r.code), claims: Number(r.claims) })),
    };
  }
}
