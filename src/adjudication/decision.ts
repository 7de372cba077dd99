import type { LiableParty } from '../policies/policy-schema.js';

export type DecisionStatus = 'approved' | 'adjusted' | 'partial' | 'denied' | 'pended';
export type Remedy = 'repair' | 'replace' | 'exchange-or-refund';
export type LineStatus = 'approved' | 'adjusted' | 'denied' | 'pended';

export interface Message {
  en: string;
  zh: string;
}

export interface Reason {
  code: string;
  rule: string;
  message: Message;
  lineId?: string;
}

export interface Adjustment {
  code: string;
  amountFen: number;
  rule: string;
  message: Message;
}

export interface DecisionLine {
  lineId: string;
  kind: 'part' | 'labour' | 'auxiliary' | 'travel';
  role?: 'causal' | 'consequential';
  partNumber?: string;
  component?: string | null;
  quantity?: number;
  operationCode?: string;
  claimedHours?: number;
  approvedHours?: number;
  claimedFen: number;
  approvedFen: number;
  /** For a pended line: what it would pay if a person approves it. */
  proposedFen?: number;
  status: LineStatus;
  adjustments: Adjustment[];
  hold?: 'part-return';
  holdDeadline?: string;
  /** Customer-pay check on a line that is not covered: the most the station may charge. */
  customerPayMaxFen?: number;
  /** Old-part return of a held line: received, inspected, or not returned in time. */
  partReturn?: { status: 'confirmed' | 'no-defect-found' | 'customer-caused' | 'not-returned'; receivedDate?: string; recordedBy: string };
  /** A manual decision on this line: who and why. */
  review?: { by: string; note: string };
}

export interface CoverageView {
  term: string;
  start: string;
  lastCoveredDay: string;
  kmLimit: number | null;
  withinTerm: boolean;
  localStandard?: string;
}

export interface DecisionJob {
  jobId: string;
  component: string;
  failureMode: string;
  covered: boolean;
  status: 'covered' | 'denied' | 'pended';
  remedy: Remedy;
  coverage: CoverageView | null;
  liableParty: LiableParty;
  reasons: Reason[];
  lines: DecisionLine[];
  comeback?: { claimNumber: string; stationId: string; repairDate: string };
  customerPay?: { maxPartsFen: number; claimedPartsFen: number; overcharged: boolean };
  /** The pre-authorisation the job was filed under (its own, or the claim's). */
  preAuthorisationNumber?: string;
  /** The campaign the job was filed against and the version of it that decided it (null: no such campaign). */
  campaign?: { code: string; version: number | null };
}

export interface TraceCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean | undefined;
}

export interface TraceEntry {
  jobId: string;
  rule: string;
  priority: number;
  result: boolean;
  event: string;
  conditions: TraceCondition[];
}

export interface PartyTotal {
  type: LiableParty['type'];
  id?: string;
  approvedFen: number;
}

/**
 * The unit's history a decision saw, as the service read it when deciding: a correction or an appeal
 * decided later says which earlier claims were on file then, so a later reader (and a backtest, which
 * re-decides it against that history) knows what it was decided against.
 */
export interface HistoryAsOf {
  /** The instant the history was read (the app clock). */
  at: string;
  /** The claim revision decided: 1 for the claim as filed, higher for a correction. */
  revision: number;
  /** The unit's earlier claims the decision saw, oldest repair first. */
  claims: Array<{ claimNumber: string; stationId: string; repairDate: string }>;
}

export interface Decision {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  productLine: string | null;
  status: DecisionStatus;
  decisionVersion: number;
  today: string;
  receivedDate: string;
  ruleSet: { id: string; version: string; hash: string } | null;
  policy: { id: string; version: string; hash: string } | null;
  reasons: Reason[];
  jobs: DecisionJob[];
  totals: {
    claimedFen: number;
    approvedFen: number;
    deductedFen: number;
    pendingFen: number;
    heldFen: number;
    byParty: PartyTotal[];
  };
  trace: TraceEntry[];
  /** Set by the service on every stored decision; kept by the versions a review or a part return adds. */
  historyAsOf?: HistoryAsOf;
}
