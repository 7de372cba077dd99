import type { Queryable } from '../db/db.js';
import type { Decision, TraceEntry } from '../adjudication/decision.js';
import { compactTrace, expandTrace, isCompactTrace } from '../adjudication/trace-codec.js';
import { compactDecision, expandDecision, type CompactDecision } from '../adjudication/decision-codec.js';
import type { RuleSetFile } from '../rules/rule-set-schema.js';

/** What the decisions table stores of a decision: its JSON before `JSON.stringify`. */
export type StoredDecisionJson = CompactDecision | Decision | (Omit<Decision, 'trace'> & { trace: unknown });

/**
 * A decision as stored: its jobs compact (decision-codec.ts) and its trace compact against the rule set
 * file that decided it (trace-codec.ts); either whole when it does not compact, the trace whole when no file is given.
 */
export function storedDecision(decision: Decision, file: RuleSetFile | null): StoredDecisionJson {
  const compact = decision.trace.length === 0 || !file || isCompactTrace(decision.trace) ? null : compactTrace(decision.trace, file);
  const withTrace = compact ? { ...decision, trace: compact } : decision;
  return compactDecision(withTrace) ?? withTrace;
}

/**
 * The trace of a stored decision: written compact against the rule set file that decided it (by its
 * content hash, as `rule_set_versions` keeps every file the service has loaded), read back rebuilt
 * and verified by hash. A decision stored before, with its trace whole, reads as it was.
 */
export class StoredTraces {
  /** Files by content hash: a hash names one content forever, so what was read once is kept (one read at a time per hash). */
  private readonly files = new Map<string, Promise<RuleSetFile | null>>();

  constructor(private readonly db: Queryable) {}

  private ruleSetFile(hash: string, db: Queryable): Promise<RuleSetFile | null> {
    const known = this.files.get(hash);
    if (known) return known;
    const read = db.query<{ content: RuleSetFile | string }>(`SELECT content FROM rule_set_versions WHERE hash = $1 AND kind = 'rule-set'`, [hash]).then(({ rows }) => {
      const content = rows[0]?.content;
      const file = content === undefined ? null : typeof content === 'string' ? (JSON.parse(content) as RuleSetFile) : content;
      // Only a file found is kept: one not recorded yet may be recorded by a reload.
      if (!file) this.files.delete(hash);
      return file;
    });
    this.files.set(hash, read);
    read.catch(() => this.files.delete(hash));
    return read;
  }

  /** The decision as the decisions table stores it: its jobs compact, its trace compact when its rule set file is on record, else whole. */
  async forStorage(decision: Decision, db: Queryable = this.db): Promise<StoredDecisionJson> {
    const hash = decision.trace.length > 0 && !isCompactTrace(decision.trace) ? decision.ruleSet?.hash : undefined;
    return storedDecision(decision, hash ? await this.ruleSetFile(hash, db) : null);
  }

  /** A stored trace, whole: as stored, or rebuilt from its compact form and verified by its hash. */
  async expand(trace: unknown, ruleSetHash: string | null | undefined, db: Queryable = this.db): Promise<TraceEntry[]> {
    if (!isCompactTrace(trace)) return (trace ?? []) as TraceEntry[];
    const file = ruleSetHash ? await this.ruleSetFile(ruleSetHash, db) : null;
    if (!file) throw new Error(`the rule set ${ruleSetHash ?? '(none)'} that decided a stored decision is not on record: its trace cannot be rebuilt`);
    return expandTrace(trace, file);
  }

  /** A stored decision whole, its trace too. */
  async read(stored: Decision | CompactDecision, db: Queryable = this.db): Promise<Decision> {
    const decision = expandDecision<Decision>(stored);
    if (!isCompactTrace(decision.trace)) return decision;
    return { ...decision, trace: await this.expand(decision.trace, decision.ruleSet?.hash, db) };
  }
}
