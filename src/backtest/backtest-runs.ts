import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors/app-error.js';
import { NotFoundError } from '../errors/http-errors.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { BacktestPeriod, BacktestSource } from './backtest-source.js';
import { runBacktest, type BacktestReport } from './backtest.js';

export interface BacktestRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  period: BacktestPeriod;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** Claims re-decided so far, of `total` (null until counted). */
  progress: { claims: number; total: number | null };
  report: BacktestReport | null;
  error: string | null;
}

/** Backtests running at once; one more is refused (429) until one ends. Runs are CPU-bound. */
const MAX_RUNNING = 2;
/** Finished runs are kept this long (and at most this many), then forgotten: nothing is stored. */
const KEEP_MS = 60 * 60 * 1000;
const KEEP_RUNS = 50;

export class TooManyBacktestsError extends AppError {
  constructor() {
    super(429, 'too-many-backtests', `${MAX_RUNNING} backtests are running; start this one when one of them has finished`, {}, { 'Retry-After': '10' });
  }
}

/**
 * Backtests run in the background of this process: started, they report their progress and, once
 * done, their report. They live in memory only (a restart forgets them) and change nothing stored.
 */
export class BacktestRuns {
  private readonly runs = new LRUCache<string, BacktestRun>({ max: KEEP_RUNS, ttl: KEEP_MS, noDeleteOnStaleGet: false });
  private running = 0;

  constructor(
    private readonly source: BacktestSource,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  start(draft: RuleBook, period: BacktestPeriod, baseline: RuleBook, requestedBy: string): BacktestRun {
    if (this.running >= MAX_RUNNING) throw new TooManyBacktestsError();
    const run: BacktestRun = {
      id: randomUUID(), status: 'running', period, requestedBy, startedAt: this.clock().toISOString(), finishedAt: null,
      progress: { claims: 0, total: null }, report: null, error: null,
    };
    this.runs.set(run.id, run);
    this.running += 1;
    void this.execute(run, draft, baseline).finally(() => {
      this.running -= 1;
      run.finishedAt = this.clock().toISOString();
    });
    return run;
  }

  private async execute(run: BacktestRun, draft: RuleBook, baseline: RuleBook): Promise<void> {
    try {
      run.progress.total = await this.source.count(run.period);
      run.report = await runBacktest(this.source, draft, run.period, baseline, { onProgress: (claims) => void (run.progress.claims = claims) });
      run.status = 'done';
    } catch (error) {
      this.logger.error({ err: error, backtest: run.id }, 'backtest run failed');
      run.status = 'failed';
      run.error = 'the backtest failed; the error is logged with its id';
    }
  }

  get(id: string): BacktestRun {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`no backtest run ${id}: it never started, or finished more than an hour ago, or the service restarted`);
    return run;
  }
}
