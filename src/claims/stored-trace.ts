import type { Queryable } from '../db/db.js';
import type { Decision, TraceEntry } from '../adjudication/decision.js';
import { compactTrace, expandTrace, isCompactTrace } from '../adjudication/trace-codec.js';
import type { RuleSetFile } from '../rules/rule-set-schema.js';

/** A decision as stored, its trace compact against the rule set file that decided it (whole when it does not compact or no file is given). */
export function storedDecision(decision: Decision, file: RuleSetFile | null): Decision | (Omit<Decision, 'trace'> & { trace: unknown }) {
  if (decision.trace.length === 0 || !file || isCompactTrace(decision.trace)) return decision;
  const compact = compactTrace(decision.trace, file);
  return compact ? { ...decision, trace: compact } : decision;
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

  /** The decision as the decisions table stores it: its trace compact when its rule set file is on record, else whole. */
  async forStorage(decision: Decision, db: Queryable = this.db): Promise<Decision | (Omit<Decision, 'trace'> & { trace: unknown })> {
    if (decision.trace.length === 0 || !decision.ruleSet || isCompactTrace(decision.trace)) return decision;
    return storedDecision(decision, await this.ruleSetFile(decision.ruleSet.hash, db));
  }

  /** A stored trace, whole: as stored, or rebuilt from its compact form and verified by its hash. */
  async expand(trace: unknown, ruleSetHash: string | null | undefined, db: Queryable = this.db): Promise<TraceEntry[]> {
    if (!isCompactTrace(trace)) return (trace ?? []) as TraceEntry[];
    const file = ruleSetHash ? await this.ruleSetFile(ruleSetHash, db) : null;
    if (!file) throw new Error(`the rule set ${ruleSetHash ?? '(none)'} that decided a stored decision is not on record: its trace cannot be rebuilt`);
    return expandTrace(trace, file);
  }

  /** A stored decision with its trace whole. */
  async read(decision: Decision, db: Queryable = this.db): Promise<Decision> {
    if (!isCompactTrace(decision.trace)) return decision;
    return { ...decision, trace: await this.expand(decision.trace, decision.ruleSet?.hash, db) };
  }
}
