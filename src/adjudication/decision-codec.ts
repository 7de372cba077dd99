import type { Decision, DecisionJob, DecisionLine, Message } from './decision.js';
import { summarise } from './totals.js';

/**
 * A decision as stored: what it says twice, or what the rest of it says already, is left out; messages
 * are kept once per job by reason code; keys inside a job are short. What SQL reads keeps its name and
 * place: every top-level key, `totals.claimedFen` (the claim heads trigger), the trace (as trace-codec
 * stores it), in a job `lines` and `campaign` (whole), in a line `hold` and `holdDeadline` (the
 * held-parts, campaign and backtest queries). Left out, and put back on reading:
 *
 * - a job's `covered` when it says what its status does, its `remedy` when `repair`, empty `reasons`;
 * - a line's `kind` and `role` when its id names them (`J1/causal`, `J1/labour/2` …), its id's
 *   `<jobId>/`, a part's `component` when the job's, `approvedHours` when the claimed hours (null:
 *   none), `approvedFen` when the claimed amount, `status` when `approved`, empty `adjustments`;
 * - a reason's or adjustment's `message` when the job's `messages` holds it (`[en, zh]`) under its code, a job
 *   reason's line id's `<jobId>/`; the decision's `reasons` when empty;
 * - the `totals` but `claimedFen` (summed again from the lines by `summarise`, as the core sums them);
 * - the rule set's and policy's `id` when the product line's, the policy's `version` when the rule set's.
 *
 * `compact: 1` marks the form; a decision stored before it, or one that would not read back as
 * itself (checked on writing), is stored whole and read as it is.
 */
export type CompactDecision = Omit<Decision, 'jobs' | 'reasons' | 'trace' | 'totals' | 'ruleSet' | 'policy'> & {
  compact: 1;
  reasons?: Decision['reasons'];
  ruleSet: Partial<NonNullable<Decision['ruleSet']>> | null;
  policy: Partial<NonNullable<Decision['policy']>> | null;
  jobs: Record<string, unknown>[];
  totals: { claimedFen: number };
  trace?: unknown;
};

/** Long key → short key inside a stored job; each short key stands for one long key. */
const SHORT_KEYS: Readonly<Record<string, string>> = {
  jobId: 'j', component: 'c', failureMode: 'f', covered: 'cv', status: 's', remedy: 'rm', coverage: 'g', liableParty: 'p', reasons: 'r', messages: 'ms',
  comeback: 'cb', customerPay: 'cp', preAuthorisationNumber: 'pa', term: 't', start: 'st', lastCoveredDay: 'ld', kmLimit: 'km', withinTerm: 'w', localStandard: 'ls',
  type: 'ty', code: 'k', rule: 'u', message: 'mg', lineId: 'l', kind: 'kd', role: 'ro', partNumber: 'pn', quantity: 'q', operationCode: 'op', claimedHours: 'ch',
  approvedHours: 'ah', claimedFen: 'cf', approvedFen: 'af', proposedFen: 'pf', adjustments: 'a', amountFen: 'x', customerPayMaxFen: 'cm', partReturn: 'pr',
  receivedDate: 'rd', recordedBy: 'rb', review: 'rv', note: 'n', claimNumber: 'cn', stationId: 'si', repairDate: 'rp', maxPartsFen: 'mp', claimedPartsFen: 'cpf', overcharged: 'o',
};
const SHORT = new Map(Object.entries(SHORT_KEYS));
const LONG = new Map(Object.entries(SHORT_KEYS).map(([long, short]) => [short, long]));
/** Kept as they are, key and value: what SQL reads inside a job, and the messages keyed by reason code. */
const VERBATIM = new Set(['campaign', 'messages', 'hold', 'holdDeadline']);

type Plain = Record<string, unknown>;

function renamed(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => renamed(v, names));
  const out: Plain = {};
  for (const key in value) {
    const v = (value as Plain)[key];
    const name = names.get(key) ?? key;
    out[name] = VERBATIM.has(key) || VERBATIM.has(name) ? v : renamed(v, names);
  }
  return out;
}

/** Kind and role as a line's id names them (`<jobId>/causal`, `/consequential/<n>`, `/labour/<n>`, `/auxiliary`, `/travel`). */
function kindOf(relativeId: string): { kind: DecisionLine['kind']; role?: 'causal' | 'consequential' } | null {
  const head = relativeId.split('/')[0];
  if (head === 'causal' || head === 'consequential') return { kind: 'part', role: head };
  return head === 'labour' || head === 'auxiliary' || head === 'travel' ? { kind: head } : null;
}

function relative(id: string, jobId: string): string {
  if (!id.startsWith(`${jobId}/`)) throw new Unpackable();
  return id.slice(jobId.length + 1);
}

class Unpackable extends Error {}

/** Whether two values read the same as JSON: an undefined property is none (node's isDeepStrictEqual tells them apart, and is slower here). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  let keys = 0;
  for (const k in a) {
    const v = (a as Plain)[k];
    if (v === undefined) continue;
    keys++;
    if (!sameJson(v, (b as Plain)[k])) return false;
  }
  for (const k in b) if ((b as Plain)[k] !== undefined) keys--;
  return keys === 0;
}

/** Puts a message in the job's table, or says it must stay where it is (its code has another there). */
function withoutMessage<T extends { code: string; message: Message }>(item: T, messages: Record<string, Message>): Omit<T, 'message'> | T {
  const known = messages[item.code];
  if (known !== undefined && !sameJson(known, item.message)) return item;
  messages[item.code] = item.message;
  const { message: _message, ...rest } = item;
  return rest;
}

function packLine(line: DecisionLine, job: DecisionJob, messages: Record<string, Message>): Plain {
  const out: Plain = { ...line, lineId: relative(line.lineId, job.jobId) };
  const derived = kindOf(out.lineId as string);
  if (derived && derived.kind === line.kind && derived.role === line.role) {
    delete out.kind;
    delete out.role;
  }
  if (line.kind === 'part' && line.component === job.component) delete out.component;
  if (line.kind === 'labour') {
    if (line.approvedHours === line.claimedHours) delete out.approvedHours;
    else if (line.approvedHours === undefined) out.approvedHours = null;
  }
  if (line.approvedFen === line.claimedFen) delete out.approvedFen;
  if (line.status === 'approved') delete out.status;
  if (line.adjustments.length === 0) delete out.adjustments;
  else out.adjustments = line.adjustments.map((a) => withoutMessage(a, messages));
  return out;
}

function packJob(job: DecisionJob): Plain {
  const messages: Record<string, Message> = {};
  const out: Plain = { ...job };
  if (job.covered === (job.status === 'covered')) delete out.covered;
  if (job.remedy === 'repair') delete out.remedy;
  if (job.reasons.length === 0) delete out.reasons;
  else out.reasons = job.reasons.map((r) => withoutMessage(r.lineId === undefined ? r : { ...r, lineId: relative(r.lineId, job.jobId) }, messages));
  out.lines = job.lines.map((l) => packLine(l, job, messages));
  if (Object.keys(messages).length > 0) out.messages = Object.fromEntries(Object.entries(messages).map(([code, m]) => [code, [m.en, m.zh]]));
  return renamed(out, SHORT) as Plain;
}

function unpackLine(stored: Plain, job: DecisionJob, messages: Record<string, Message>): DecisionLine {
  const line: Plain = { ...stored, lineId: `${job.jobId}/${stored.lineId as string}` };
  const derived = kindOf(stored.lineId as string);
  if (line.kind === undefined && derived) Object.assign(line, derived);
  if (line.kind === 'part' && !('component' in line)) line.component = job.component;
  if (line.kind === 'labour') {
    if (line.approvedHours === null) delete line.approvedHours;
    else if (!('approvedHours' in line)) line.approvedHours = line.claimedHours;
  }
  if (!('approvedFen' in line)) line.approvedFen = line.claimedFen;
  if (!('status' in line)) line.status = 'approved';
  line.adjustments = ((line.adjustments ?? []) as Plain[]).map((a) => ('message' in a ? a : { ...a, message: messages[a.code as string] }));
  return line as unknown as DecisionLine;
}

/** One stored job whole again (the campaign report reads jobs one at a time). */
export function unpackJob(stored: Record<string, unknown>): DecisionJob {
  const job = renamed(stored, LONG) as Plain & { messages?: Record<string, [string, string]> };
  const messages: Record<string, Message> = Object.fromEntries(Object.entries(job.messages ?? {}).map(([code, [en, zh]]) => [code, { en, zh }]));
  delete job.messages;
  if (!('covered' in job)) job.covered = job.status === 'covered';
  if (!('remedy' in job)) job.remedy = 'repair';
  job.reasons = ((job.reasons ?? []) as Plain[]).map((r) => {
    const whole: Plain = 'message' in r ? { ...r } : { ...r, message: messages[r.code as string] };
    if (typeof whole.lineId === 'string') whole.lineId = `${job.jobId as string}/${whole.lineId}`;
    return whole;
  });
  job.lines = (job.lines as Plain[]).map((l) => unpackLine(l, job as unknown as DecisionJob, messages));
  return job as unknown as DecisionJob;
}

export function isCompactDecision(stored: unknown): stored is CompactDecision {
  return typeof stored === 'object' && stored !== null && (stored as { compact?: unknown }).compact === 1;
}

/** The decision in compact form (its trace as given), or null when it would not read back as itself (then it is stored whole). */
export function compactDecision(decision: Omit<Decision, 'trace'> & { trace: unknown }): CompactDecision | null {
  let compact: CompactDecision;
  try {
    const { reasons, jobs, totals, ruleSet, policy, ...rest } = decision;
    const packedRuleSet = ruleSet && (ruleSet.id === decision.productLine ? { version: ruleSet.version, hash: ruleSet.hash } : ruleSet);
    const packedPolicy = policy && { ...(policy.id === decision.productLine ? {} : { id: policy.id }), ...(policy.version === ruleSet?.version ? {} : { version: policy.version }), hash: policy.hash };
    compact = { ...rest, compact: 1, ruleSet: packedRuleSet, policy: packedPolicy, ...(reasons.length > 0 ? { reasons } : {}), jobs: jobs.map(packJob), totals: { claimedFen: totals.claimedFen } };
  } catch (error) {
    if (error instanceof Unpackable) return null;
    throw error;
  }
  // Stored only if it reads back as exactly this decision.
  const { trace: _trace, ...body } = decision;
  const { trace: _compactTrace, ...compactBody } = compact;
  return sameJson(expandDecision(compactBody), body) ? compact : null;
}

/** A stored decision whole (its trace as stored: see StoredTraces); one stored before the compact form as it is. */
export function expandDecision<T extends Decision | Omit<Decision, 'trace'>>(stored: T | CompactDecision): T {
  if (!isCompactDecision(stored)) return stored;
  const { compact: _compact, reasons, jobs: packed, totals: _totals, ruleSet, policy, ...rest } = stored;
  const jobs = packed.map(unpackJob);
  const fullRuleSet = ruleSet && { id: ruleSet.id ?? rest.productLine, version: ruleSet.version, hash: ruleSet.hash };
  const fullPolicy = policy && { id: policy.id ?? rest.productLine, version: policy.version ?? ruleSet?.version, hash: policy.hash };
  return { ...rest, ruleSet: fullRuleSet, policy: fullPolicy, reasons: reasons ?? [], jobs, totals: summarise(jobs) } as unknown as T;
}

/** A decision column as a driver gives it back (parsed JSONB, or its text), whole again (its trace, if selected, as stored). */
export function decisionOfRow<T extends Decision | Omit<Decision, 'trace'> = Omit<Decision, 'trace'>>(value: unknown): T {
  return expandDecision<T>((typeof value === 'string' ? JSON.parse(value) : value) as T | CompactDecision);
}
