import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/db.js';
import type { RuleBookHolder } from '../rulesets/rule-book-holder.js';

/** What a decision answer tells the metrics (the Decision of the OpenAPI document, read loosely). */
interface DecisionLike {
  productLine?: string | null;
  status?: string;
  reasons?: Array<{ code?: string }>;
  jobs?: Array<{ reasons?: Array<{ code?: string }>; lines?: Array<{ adjustments?: Array<{ code?: string }> }> }>;
}

interface BacktestLike {
  claims?: number;
  changed?: number;
}

export interface Metrics {
  registry: Registry;
  /** Times each request by route template and status, and counts the decisions and backtests answered. */
  middleware: RequestHandler;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Route templates that answer with a new decision version (201). */
const DECIDING = new Set(['POST /v1/claims', 'POST /v1/claims/:claimNumber/corrections', 'POST /v1/claims/:claimNumber/reviews', 'POST /v1/claims/:claimNumber/part-returns']);

/**
 * Prometheus metrics, on a registry of this app's own (several apps in one process, as in tests, do
 * not mix): HTTP durations by route and status, decisions by product line, status and reason code,
 * the rule book in force as an info metric, the database pool, reloads and backtests, and the
 * process defaults of prom-client.
 */
export function createMetrics(deps: { db: Db; rules: RuleBookHolder; routeOf: (method: string, path: string) => string | null }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const http = new Histogram({
    name: 'warranty_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'warranty_decisions_total',
    help: 'Decision versions made over HTTP (submissions, corrections, reviews, part returns), by product line and status',
    labelNames: ['product_line', 'status'] as const,
    registers: [registry],
  });
  const reasons = new Counter({
    name: 'warranty_decision_reasons_total',
    help: 'Reason and adjustment codes of the decision versions made, once per decision and code',
    labelNames: ['product_line', 'status', 'reason_code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'warranty_rule_book_info',
    help: 'The rule sets and policies in force (value 1), with version and content hash',
    labelNames: ['kind', 'id', 'version', 'hash', 'product_line'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const book = deps.rules.current();
      for (const r of book.ruleSets) this.set({ kind: 'rule-set', id: r.file.id, version: r.file.version, hash: r.hash, product_line: r.file.productLine }, 1);
      for (const p of book.policies) this.set({ kind: 'policy', id: p.file.id, version: p.file.version, hash: p.hash, product_line: p.file.productLine }, 1);
    },
  });
  const pool = (name: string, help: string, pick: (s: { total: number; idle: number; waiting: number }) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = deps.db.poolStats?.();
        if (stats) this.set(pick(stats));
      },
    });
  pool('warranty_db_pool_connections', 'PostgreSQL pool connections open', (s) => s.total);
  pool('warranty_db_pool_in_use', 'PostgreSQL pool connections checked out', (s) => s.total - s.idle);
  pool('warranty_db_pool_waiting', 'Queries waiting for a PostgreSQL pool connection', (s) => s.waiting);

  const reloads = new Counter({ name: 'warranty_rule_reloads_total', help: 'Rule book reloads (API, CLI-triggered or file watcher) by result', labelNames: ['result'] as const, registers: [registry] });
  const reloadSeconds = new Histogram({ name: 'warranty_rule_reload_duration_seconds', help: 'Rule book reload duration (read, validate, build, run the rule cases)', labelNames: ['result'] as const, buckets: DURATION_BUCKETS, registers: [registry] });
  deps.rules.onReloadResult((result, seconds) => {
    reloads.inc({ result: result.status });
    reloadSeconds.observe({ result: result.status }, seconds);
  });
  const backtests = new Counter({ name: 'warranty_backtests_total', help: 'Backtests run over HTTP by result (ok, rejected for errors in the draft, failed)', labelNames: ['result'] as const, registers: [registry] });
  const backtestSeconds = new Histogram({ name: 'warranty_backtest_duration_seconds', help: 'Backtest duration over HTTP', buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300], registers: [registry] });
  const backtestClaims = new Counter({ name: 'warranty_backtest_claims_total', help: 'Stored claims re-decided by backtests', registers: [registry] });

  const middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    let body: unknown;
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      body = value;
      return json(value);
    };
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The matched route's template as express knows it (every router is mounted at the root, so it
      // is the full path); the route table only for what no route matched (404, 405, middleware answers).
      const matched = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof matched === 'string' ? matched : (deps.routeOf(req.method, req.originalUrl.split('?')[0] ?? '') ?? 'unmatched');
      http.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const op = `${req.method} ${route}`;
      if (DECIDING.has(op) && res.statusCode === 201 && typeof body === 'object' && body !== null) countDecision(body as DecisionLike);
      if (op === 'POST /v1/backtests') {
        const result = res.statusCode < 300 ? 'ok' : res.statusCode < 500 ? 'rejected' : 'failed';
        backtests.inc({ result });
        backtestSeconds.observe(seconds);
        if (result === 'ok' && typeof (body as BacktestLike | undefined)?.claims === 'number') backtestClaims.inc((body as BacktestLike).claims!);
      }
    });
    next();
  };

  function countDecision(d: DecisionLike): void {
    const labels = { product_line: d.productLine ?? 'unknown', status: d.status ?? 'unknown' };
    decisions.inc(labels);
    const codes = new Set<string>();
    for (const r of d.reasons ?? []) if (r.code) codes.add(r.code);
    for (const job of d.jobs ?? []) {
      for (const r of job.reasons ?? []) if (r.code) codes.add(r.code);
      for (const line of job.lines ?? []) for (const a of line.adjustments ?? []) if (a.code) codes.add(a.code);
    }
    for (const code of codes) reasons.inc({ ...labels, reason_code: code });
  }

  return { registry, middleware };
}
