import type { Decision, DecisionJob, DecisionLine, Message, Reason } from '../adjudication/decision.js';
import type { LiableParty } from '../policies/policy-schema.js';
import { claimStatus, summarise } from '../adjudication/totals.js';

export type LineAction =
  /** The old part came back and inspection confirmed the defect: the hold is lifted. */
  | { kind: 'release'; receivedDate: string }
  /**
   * Denied with a reason code; a denied causal part denies its whole job, and the job's liable
   * party becomes `liable` (the customer unless the denial is the station's own doing, as PNR is).
   */
  | { kind: 'deny'; code: string; partReturn?: 'no-defect-found' | 'customer-caused' | 'not-returned'; receivedDate?: string; liable?: LiableParty }
  /** An auditor approves the line at an amount. */
  | { kind: 'approve'; amountFen: number; holdDeadline?: string | undefined }
  /** An auditor keeps the line pended. */
  | { kind: 'pend' };

export interface LineChange {
  lineId: string;
  action: LineAction;
}

export interface RevisionContext {
  by: string;
  note: string;
  rule: string;
  explain: (code: string) => Message;
  /** Who is liable for a denied job that this revision covers again: the part catalogue's party of its causal part. */
  liableWhenCovered?: (job: DecisionJob) => LiableParty;
}

function jobStatus(job: DecisionJob): DecisionJob['status'] {
  if (job.lines.every((l) => l.status === 'denied')) return 'denied';
  if (job.lines.some((l) => l.status === 'pended')) return 'pended';
  return 'covered';
}

function apply(line: DecisionLine, action: LineAction, ctx: RevisionContext): DecisionLine {
  const { hold: _hold, holdDeadline: _deadline, proposedFen: _proposed, ...rest } = line;
  switch (action.kind) {
    case 'release':
      return { ...rest, partReturn: { status: 'confirmed', receivedDate: action.receivedDate, recordedBy: ctx.by } };
    case 'deny':
      return {
        ...rest,
        status: 'denied',
        approvedFen: 0,
        adjustments: [],
        ...(action.partReturn ? { partReturn: { status: action.partReturn, ...(action.receivedDate ? { receivedDate: action.receivedDate } : {}), recordedBy: ctx.by } } : {}),
        review: { by: ctx.by, note: ctx.note },
      };
    case 'approve': {
      const cut = line.claimedFen - action.amountFen;
      return {
        ...rest,
        status: cut > 0 ? 'adjusted' : 'approved',
        approvedFen: action.amountFen,
        adjustments: cut > 0 ? [{ code: 'WA-MANUAL', amountFen: cut, rule: ctx.rule, message: ctx.explain('WA-MANUAL') }] : [],
        review: { by: ctx.by, note: ctx.note },
        // Approved by hand, but a part that must come back is still held until it does (SPEC §7).
        ...(action.holdDeadline ? { hold: 'part-return' as const, holdDeadline: action.holdDeadline } : {}),
      };
    }
    case 'pend':
      return { ...line, review: { by: ctx.by, note: ctx.note } };
  }
}

/**
 * A new decision version from the previous one and line-level changes: nothing of the previous
 * version is altered; job and claim status and all totals are recomputed.
 */
export function reviseDecision(previous: Decision, changes: readonly LineChange[], ctx: RevisionContext): Decision {
  const byLine = new Map(changes.map((c) => [c.lineId, c.action]));
  const jobs = previous.jobs.map((job): DecisionJob => {
    const causalDenied = job.lines.find((l) => l.role === 'causal' && byLine.get(l.lineId)?.kind === 'deny');
    const causalAction = causalDenied ? (byLine.get(causalDenied.lineId) as Extract<LineAction, { kind: 'deny' }>) : undefined;
    const lines = job.lines.map((line) => {
      const action = byLine.get(line.lineId) ?? (causalAction ? { ...causalAction, partReturn: undefined, receivedDate: undefined } : undefined);
      return action ? apply(line, action, ctx) : line;
    });
    const reasons: Reason[] = [...job.reasons];
    for (const line of lines) {
      const action = byLine.get(line.lineId);
      if (!action || action.kind === 'pend') continue;
      const code = action.kind === 'deny' ? action.code : action.kind === 'release' ? 'WA-PART-RECEIVED' : 'WA-MANUAL';
      reasons.push({ code, rule: ctx.rule, message: ctx.explain(code), lineId: line.lineId });
    }
    const next: DecisionJob = { ...job, lines, reasons };
    next.status = jobStatus(next);
    next.covered = next.status === 'covered';
    if (next.status === 'denied' && job.status !== 'denied') next.liableParty = causalAction?.liable ?? { type: 'customer' };
    if (next.status !== 'denied' && job.status === 'denied') {
      if (ctx.liableWhenCovered) next.liableParty = ctx.liableWhenCovered(next);
      delete next.customerPay;
    }
    return next;
  });
  const status = claimStatus(jobs);
  // A partly approved claim says so (PWA), as its first decision would.
  const reasons = previous.reasons.filter((r) => r.code !== 'PWA');
  if (status === 'partial') reasons.push({ code: 'PWA', rule: 'core.status.partial', message: ctx.explain('PWA') });
  return {
    ...previous,
    decisionVersion: previous.decisionVersion + 1,
    status,
    reasons,
    jobs,
    totals: summarise(jobs),
  };
}

/** Every line of a decision, with its job. */
export function linesOf(decision: Decision): Array<{ job: DecisionJob; line: DecisionLine }> {
  return decision.jobs.flatMap((job) => job.lines.map((line) => ({ job, line })));
}
