import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { buildRuleBook, readSourceFiles, type RuleBook } from '../rules/rule-book.js';
import { validateFiles } from '../rules/validation/validate-files.js';
import { runRuleCases, type CaseResult } from '../rules/cases/run-cases.js';
import type { Problem } from '../rules/validation/problem.js';

export interface ReloadResult {
  status: 'reloaded' | 'unchanged' | 'rejected';
  errors: Problem[];
  warnings: Problem[];
  failedCases: Array<Pick<CaseResult, 'file' | 'name' | 'failures'>>;
  ruleSets: Array<{ id: string; version: string; hash: string }>;
}

function summary(book: RuleBook) {
  return book.ruleSets.map((r) => ({ id: r.file.id, version: r.file.version, hash: r.hash }));
}

function fingerprint(book: RuleBook): string {
  return [...book.ruleSets.map((r) => r.hash), ...book.policies.map((p) => p.hash), ...book.afterSalesFiles.map((a) => a.hash)].sort().join(',');
}

/**
 * The rule book in force. A reload reads, validates and builds a new book and runs its cases off to
 * the side; only a book that passes replaces the current one, in one reference swap, so a request
 * sees either the old book or the new one, never half of each.
 */
export class RuleBookHolder {
  private book: RuleBook;
  private reloading: Promise<ReloadResult> | null = null;
  private watcher: FSWatcher[] = [];
  private onSwap: Array<(book: RuleBook) => Promise<void> | void> = [];
  private onResult: Array<(result: ReloadResult, seconds: number) => void> = [];

  constructor(
    initial: RuleBook,
    readonly rulesDir: string,
    readonly policiesDir: string,
    private readonly logger: Logger,
  ) {
    this.book = initial;
  }

  /** The current book: take it once per request and use that one throughout. */
  readonly current = (): RuleBook => this.book;

  onReload(listener: (book: RuleBook) => Promise<void> | void): void {
    this.onSwap.push(listener);
  }

  /** Told of every reload's result and how long it took (metrics). */
  onReloadResult(listener: (result: ReloadResult, seconds: number) => void): void {
    this.onResult.push(listener);
  }

  reload(): Promise<ReloadResult> {
    // Reloads queue: a second request waits for the first and then reads the files again.
    const next = (this.reloading ?? Promise.resolve()).then(async () => {
      const started = process.hrtime.bigint();
      const result = await this.doReload();
      for (const listener of this.onResult) listener(result, Number(process.hrtime.bigint() - started) / 1e9);
      return result;
    });
    this.reloading = next.catch(() => undefined) as Promise<ReloadResult>;
    return next;
  }

  private async doReload(): Promise<ReloadResult> {
    const files = await readSourceFiles(this.rulesDir, this.policiesDir);
    const validated = validateFiles(files);
    const errors = validated.problems.filter((p) => p.severity === 'error');
    const warnings = validated.problems.filter((p) => p.severity === 'warning');
    if (errors.length > 0) {
      this.logger.warn({ errors: errors.length }, 'rule reload rejected: the files have errors; the last good rule book keeps serving');
      return { status: 'rejected', errors, warnings, failedCases: [], ruleSets: summary(this.book) };
    }
    const candidate = buildRuleBook(files, { evaluator: this.book.evaluator });
    const cases = await runRuleCases(this.rulesDir, candidate);
    const failedCases = cases.results.filter((r) => !r.passed).map(({ file, name, failures }) => ({ file, name, failures }));
    if (failedCases.length > 0 || cases.problems.length > 0) {
      this.logger.warn({ failedCases: failedCases.length }, 'rule reload rejected: rule cases fail; the last good rule book keeps serving');
      return { status: 'rejected', errors: cases.problems, warnings, failedCases, ruleSets: summary(this.book) };
    }
    if (fingerprint(candidate) === fingerprint(this.book)) return { status: 'unchanged', errors: [], warnings, failedCases: [], ruleSets: summary(this.book) };
    for (const listener of this.onSwap) await listener(candidate);
    this.book = candidate;
    this.logger.info({ ruleSets: summary(candidate) }, 'rule book reloaded');
    return { status: 'reloaded', errors: [], warnings, failedCases: [], ruleSets: summary(candidate) };
  }

  /** Reloads when a file under rules/ or policies/ changes (debounced). */
  watchFiles(debounceMs = 300): void {
    let timer: NodeJS.Timeout | null = null;
    const trigger = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        void this.reload().then((r) => r.status === 'rejected' && this.logger.warn({ errors: r.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`), failedCases: r.failedCases }, 'edited rule files rejected'));
      }, debounceMs);
    };
    for (const dir of [this.rulesDir, this.policiesDir]) this.watcher.push(watch(dir, { recursive: true }, trigger));
  }

  close(): void {
    for (const w of this.watcher) w.close();
    this.watcher = [];
  }
}
