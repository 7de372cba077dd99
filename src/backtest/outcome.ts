import type { Decision, DecisionJob } from '../adjudication/decision.js';

/** The part of a decision a backtest compares and reports, stored beside it (`decisions.outcome`). */
export interface StoredOutcome {
  status: Decision['status'];
  today: string;
  receivedDate: string;
  totals: Pick<Decision['totals'], 'approvedFen' | 'byParty'>;
  jobs: Array<Pick<DecisionJob, 'jobId' | 'covered' | 'status' | 'remedy' | 'liableParty'> & { reasons: Array<{ code: string }>; lines: Array<{ approvedFen: number }> }>;
}

export function outcomeOf(decision: Decision): StoredOutcome {
  return {
    status: decision.status,
    today: decision.today,
    receivedDate: decision.receivedDate,
    totals: { approvedFen: decision.totals.approvedFen, byParty: decision.totals.byParty },
    jobs: decision.jobs.map((j) => ({
      jobId: j.jobId,
      covered: j.covered,
      status: j.status,
      remedy: j.remedy,
      liableParty: j.liableParty,
      reasons: j.reasons.map((r) => ({ code: r.code })),
      lines: j.lines.map((l) => ({ approvedFen: l.approvedFen })),
    })),
  };
}

/**
 * `outcomeOf` in SQL, over a decision `d`: for decisions stored before the outcome column.
 * `test/policy/backtest.test.ts` checks it gives what `outcomeOf` stored.
 */
export const OUTCOME_SQL = `jsonb_build_object(
  'status', d->'status', 'today', d->'today', 'receivedDate', d->'receivedDate',
  'totals', jsonb_build_object('approvedFen', d->'totals'->'approvedFen', 'byParty', d->'totals'->'byParty'),
  'jobs', (SELECT coalesce(jsonb_agg(jsonb_build_object(
      'jobId', j->'jobId', 'covered', j->'covered', 'status', j->'status', 'remedy', j->'remedy', 'liableParty', j->'liableParty',
      'reasons', (SELECT coalesce(jsonb_agg(jsonb_build_object('code', r->'code') ORDER BY rn), '[]'::jsonb) FROM jsonb_array_elements(j->'reasons') WITH ORDINALITY AS rs(r, rn)),
      'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('approvedFen', l->'approvedFen') ORDER BY ln), '[]'::jsonb) FROM jsonb_array_elements(j->'lines') WITH ORDINALITY AS ls(l, ln))
    ) ORDER BY jn), '[]'::jsonb) FROM jsonb_array_elements(d->'jobs') WITH ORDINALITY AS js(j, jn)))`;
