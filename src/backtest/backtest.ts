import { availableParallelism } from 'node:os';
import canonicalize from 'canonicalize';
import { Piscina } from 'piscina';
import type { Decision, DecisionJob, TraceEntry } from '../adjudication/decision.js';
import type { RuleBook } from '../rules/rule-book.js';
import { historyAsOf, type BacktestPeriod, type BacktestSource, type StoredClaimForBacktest } from './backtest-source.js';
import { reDecide, type BacktestItem } from './re-decide.js';
import { campaignFactsAsDecided } from './backtest-campaigns.js';


export interface ClaimChange {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  before: { status: string; approvedFen: number; reasons: string[] };
  after: { status: string; approvedFen: number; reasons: string[] };
  deltaFen: number;
  /** The rules whose result differs, with the draft's trace entry for each. */
  rules: Array<{ rule: string; jobId: string; before: boolean | null; after: boolean | null; trace: TraceEntry | null }>;
}

export interface BacktestReport {
  period: BacktestPeriod;
  draft: Array<{ id: string; version: string; hash: string }>;
  /** Rules the draft adds, removes or changes against the rule book in force. */
  editedRules: Array<{ ruleSet: string; rule: string; change: 'added' | 'removed' | 'changed' }>;
  claims: number;
  changed: number;
  transitions: Record<string, number>;
  byReasonCode: Record<string, { added: number; removed: number }>;
  byRule: Record<string, number>;
  payoutDelta: {
    totalFen: number;
    byParty: Array<{ type: string; id?: string; beforeFen: number; afterFen: number; deltaFen: number }>;
    byStation: Array<{ stationId: string; beforeFen: number; afterFen: number; deltaFen: number }>;
  };
  changes: ClaimChange[];
  elapsedMs: number;
}

const codes = (jobs: ReadonlyArray<{ reasons: ReadonlyArray<{ code: string }> }>) => [...new Set(jobs.flatMap((j) => j.reasons.map((r) => r.code)))].sort();

// Stored decisions come back from jsonb with their keys reordered: compare canonical JSON, never JSON.stringify.
const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

function ruleDiff(before: readonly TraceEntry[], after: readonly TraceEntry[]): ClaimChange['rules'] {
  const key = (t: TraceEntry) => `${t.jobId}\u0000${t.rule}`;
  const b = new Map(before.map((t) => [key(t), t]));
  const a = new Map(after.map((t) => [key(t), t]));
  const out: ClaimChange['rules'] = [];
  for (const k of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(k);
    const y = a.get(k);
    const conditionsChanged = x && y && !same(x.conditions.map((c) => c.value), y.conditions.map((c) => c.value));
    if (x?.result !== y?.result || conditionsChanged) {
      out.push({ rule: (x ?? y)!.rule, jobId: (x ?? y)!.jobId, before: x?.result ?? null, after: y?.result ?? null, trace: y ?? null });
    }
  }
  return out;
}

class PartyTotals {
  private readonly map = new Map<string, { type: string; id?: string; beforeFen: number; afterFen: number }>();
  add(party: { type: string; id?: string | undefined }, side: 'beforeFen' | 'afterFen', fen: number): void {
    const k = `${party.type}:${party.id ?? ''}`;
    const row = this.map.get(k) ?? { type: party.type, ...(party.id ? { id: party.id } : {}), beforeFen: 0, afterFen: 0 };
    row[side] += fen;
    this.map.set(k, row);
  }
  rows() {
    return [...this.map.values()].map((r) => ({ ...r, deltaFen: r.afterFen - r.beforeFen })).filter((r) => r.deltaFen !== 0).sort((a, b) => a.deltaFen - b.deltaFen);
  }
}

/**
 * Re-decides the stored claims of a period under a draft rule book and reports what would change.
 * Nothing is stored. Each claim keeps its original "today" and received date, and its unit's history
 * as stored, so only the rules differ.
 */
export function editedRules(baseline: RuleBook, draft: RuleBook): BacktestReport['editedRules'] {
  const out: BacktestReport['editedRules'] = [];
  for (const set of draft.ruleSets) {
    const name = `${set.file.id}@${set.file.version}`;
    const before = baseline.ruleSets.find((b) => b.file.id === set.file.id && b.file.version === set.file.version);
    const old = new Map((before?.file.rules ?? []).map((r) => [r.name, r]));
    for (const rule of set.file.rules) {
      const previous = old.get(rule.name);
      if (previous === undefined) out.push({ ruleSet: name, rule: rule.name, change: 'added' });
      else if (!same(previous, rule)) out.push({ ruleSet: name, rule: rule.name, change: 'changed' });
      old.delete(rule.name);
    }
    if (before) for (const rule of old.keys()) out.push({ ruleSet: name, rule, change: 'removed' });
  }
  return out;
}

/** Claims per task sent to a worker, and how often the inline loop lets the event loop run. */
const BATCH = 250;

/** Pages decided at once (with one more being read): enough to keep the workers busy, few enough to bound memory. */
const PAGES_IN_FLIGHT = 2;

export interface BacktestOptions {
  /**
   * Worker threads that re-decide claims, beside this thread which decides a share too. Default: one
   * per core but one when the period has more than one page of claims (a worker takes a moment to
   * start); 0 decides on this thread only.
   */
  workers?: number | undefined;
  /** Told how many claims are re-decided so far, after each page (a progress bar). */
  onProgress?: ((claims: number) => void) | undefined;
}

type Changed = Map<number, Decision>;

/** Re-decides claims on this thread, letting the event loop run between batches (the next page arrives meanwhile). */
async function decideInline(items: readonly BacktestItem[], draft: RuleBook): Promise<Changed> {
  const changed: Changed = new Map();
  for (const [i, item] of items.entries()) {
    if (i % BATCH === BATCH - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    const decision = await reDecide(item, draft);
    if (decision) changed.set(item.claimId, decision);
  }
  return changed;
}

function startPool(draft: RuleBook, threads: number): Piscina {
  return new Piscina({
    filename: new URL('./backtest-worker-entry.mjs', import.meta.url).href,
    workerData: { files: draft.sourceFiles(), options: { evaluator: draft.evaluator } },
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
  });
}

/**
 * Re-decides a page's claims in batches: each worker and this thread take the next batch when done
 * with the last, so this thread decides the share its reading of pages leaves it time for.
 */
async function decideOnPool(pool: Piscina, threads: number, items: readonly BacktestItem[], draft: RuleBook): Promise<Changed> {
  const batches: BacktestItem[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const changed: Changed = new Map();
  let next = 0;
  const onPool = async () => {
    while (next < batches.length) {
      const results = (await pool.run(batches[next++])) as Array<{ claimId: number; decision: Decision }>;
      for (const r of results) changed.set(r.claimId, r.decision);
    }
  };
  const inline = async () => {
    // Let the workers take the first batches: this thread reads the next page meanwhile.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (next < batches.length) for (const [claimId, decision] of await decideInline(batches[next++]!, draft)) changed.set(claimId, decision);
  };
  // Two batches queued per worker: a worker does not wait while this thread is busy deciding its own.
  await Promise.all([...Array.from({ length: threads * 2 }, onPool), inline()]);
  return changed;
}

export async function runBacktest(source: BacktestSource, draft: RuleBook, period: BacktestPeriod, baseline?: RuleBook, options: BacktestOptions = {}): Promise<BacktestReport> {
  const started = performance.now();
  const report: BacktestReport = {
    period,
    draft: draft.ruleSets.map((r) => ({ id: r.file.id, version: r.file.version, hash: r.hash })),
    editedRules: baseline ? editedRules(baseline, draft) : [],
    claims: 0,
    changed: 0,
    transitions: {},
    byReasonCode: {},
    byRule: {},
    payoutDelta: { totalFen: 0, byParty: [], byStation: [] },
    changes: [],
    elapsedMs: 0,
  };
  const parties = new PartyTotals();
  const stations = new Map<string, { beforeFen: number; afterFen: number }>();
  const changedAt = new Map<ClaimChange, [string, number]>();

  const record = (c: StoredClaimForBacktest, traced: Decision, storedTrace: readonly TraceEntry[]) => {
    const rules = ruleDiff(storedTrace, traced.trace);
    const beforeCodes = codes(c.before.jobs);
    const afterCodes = codes(traced.jobs);
    const change: ClaimChange = {
      claimNumber: c.claimNumber,
      stationId: c.stationId,
      unitId: c.unitId,
      before: { status: c.before.status, approvedFen: c.before.totals.approvedFen, reasons: beforeCodes },
      after: { status: traced.status, approvedFen: traced.totals.approvedFen, reasons: afterCodes },
      deltaFen: traced.totals.approvedFen - c.before.totals.approvedFen,
      rules,
    };
    report.changes.push(change);
    changedAt.set(change, [c.repairDate, c.claimId]);
    const transition = `${change.before.status} -> ${change.after.status}`;
    report.transitions[transition] = (report.transitions[transition] ?? 0) + 1;
    for (const code of afterCodes.filter((x) => !beforeCodes.includes(x))) (report.byReasonCode[code] ??= { added: 0, removed: 0 }).added += 1;
    for (const code of beforeCodes.filter((x) => !afterCodes.includes(x))) (report.byReasonCode[code] ??= { added: 0, removed: 0 }).removed += 1;
    for (const rule of new Set(rules.map((r) => r.rule))) report.byRule[rule] = (report.byRule[rule] ?? 0) + 1;
    for (const p of c.before.totals.byParty) parties.add(p, 'beforeFen', p.approvedFen);
    for (const p of traced.totals.byParty) parties.add(p, 'afterFen', p.approvedFen);
    const s = stations.get(c.stationId) ?? { beforeFen: 0, afterFen: 0 };
    s.beforeFen += c.before.totals.approvedFen;
    s.afterFen += traced.totals.approvedFen;
    stations.set(c.stationId, s);
    report.payoutDelta.totalFen += change.deltaFen;
  };

  let pool: Piscina | null = null;
  let poolThreads = 0;
  // Pages in flight: the next page's claims go to the pool before this page's are all decided, so the
  // workers do not wait at a page boundary; pages are recorded one after another, in order.
  const pending: Array<Promise<void>> = [];
  let recorded: Promise<void> = Promise.resolve();
  try {
    for await (const { claims, units, histories, preAuthorisations, campaigns, more } of source.pages(period)) {
      const items: BacktestItem[] = claims.map((c) => ({
        claimId: c.claimId,
        bodyText: c.bodyText,
        before: c.before,
        unit: c.unitId ? (units.get(c.unitId) ?? null) : null,
        // The unit's history as it stood when the claim was first decided, not as it stands now.
        history: c.unitId ? historyAsOf(histories.get(c.unitId) ?? [], c.claimId, c.firstDecisionId) : [],
        preAuthorisations: c.preAuthorisationNumbers.flatMap((n) => preAuthorisations.get(n) ?? []),
        campaigns: campaignFactsAsDecided(c, campaigns),
      }));
      // One core is this thread's: it reads the pages and decides a share of each.
      const threads = options.workers ?? (more ? Math.max(1, availableParallelism() - 1) : 0);
      if (pool === null && threads > 0) {
        pool = startPool(draft, threads);
        poolThreads = threads;
      }
      const decided = pool ? decideOnPool(pool, poolThreads, items, draft) : decideInline(items, draft);
      const previous = recorded;
      recorded = Promise.all([decided, previous]).then(async ([changed]) => {
        report.claims += claims.length;
        options.onProgress?.(report.claims);
        if (changed.size === 0) return;
        const traces = await source.tracesOf([...changed.keys()]);
        for (const c of claims) {
          const traced = changed.get(c.claimId);
          if (traced) record(c, traced, traces.get(c.claimId) ?? []);
        }
      });
      // Awaited below; a failure is not left unhandled meanwhile.
      recorded.catch(() => undefined);
      pending.push(recorded);
      if (pending.length >= PAGES_IN_FLIGHT) await pending.shift();
    }
    await Promise.all(pending);
  } finally {
    await pool?.destroy();
  }
  // Changed claims in the order of their repair dates.
  report.changes.sort((a, b) => {
    const [da, ia] = changedAt.get(a)!;
    const [db, ib] = changedAt.get(b)!;
    return da < db ? -1 : da > db ? 1 : ia - ib;
  });
  report.changed = report.changes.length;
  report.payoutDelta.byParty = parties.rows();
  report.payoutDelta.byStation = [...stations.entries()].map(([stationId, s]) => ({ stationId, ...s, deltaFen: s.afterFen - s.beforeFen })).filter((s) => s.deltaFen !== 0);
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}
