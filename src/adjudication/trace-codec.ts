import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ConditionNode, RuleSetFile } from '../rules/rule-set-schema.js';
import type { TraceCondition, TraceEntry } from './decision.js';

/**
 * A decision's trace as stored: what the rule set file already says (rule names, priorities, events,
 * each condition's fact, path, operator and value) is left out, and only what the run found is kept.
 *
 * - `jobs`: per run of consecutive entries of one job, `[jobId, entries]`; entries are separated by
 *   `,`, each the rule's index in the file and `T`/`F` (its result), then one token per leaf of its
 *   condition tree, depth first as the trace lists them: `u` a condition not evaluated (or a named
 *   condition not reached), `>` a named condition reached (its leaves follow), `t`/`f` and the index
 *   of the fact value in `values` (`_` for undefined), and `=index` when the compared value is a fact's.
 *   `x<k>` is `extra[k]`, an entry kept whole (the core's own checks, which no rule file holds).
 * - `values`: the distinct values the conditions saw.
 * - `hash`: sha256 of the canonical JSON of the full trace: the trace rebuilt must hash to it.
 */
export interface CompactTrace {
  compact: 1;
  hash: string;
  values: unknown[];
  jobs: Array<[string, string]>;
  extra?: TraceEntry[];
}

export function isCompactTrace(trace: unknown): trace is CompactTrace {
  return typeof trace === 'object' && trace !== null && !Array.isArray(trace) && (trace as { compact?: unknown }).compact === 1;
}

/** Canonical JSON (RFC 8785 key order) of a value inside a trace; undefined as the caller omits it. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  return canonicalize(v) ?? 'null';
}

/**
 * The canonical JSON of a trace, as `canonicalize` writes it, for the keys a trace has (spelled out in
 * their sorted order: several times faster than the general sort on every object).
 */
export function canonicalTrace(trace: readonly TraceEntry[]): string {
  const entries = trace.map((e) => {
    const conditions = e.conditions.map((c) => {
      let out = `{"fact":${JSON.stringify(c.fact)}`;
      if (c.factValue !== undefined) out += `,"factValue":${canonical(c.factValue)}`;
      out += `,"operator":${JSON.stringify(c.operator)}`;
      if (c.path !== undefined) out += `,"path":${JSON.stringify(c.path)}`;
      if (c.result !== undefined) out += `,"result":${JSON.stringify(c.result)}`;
      if (c.value !== undefined) out += `,"value":${canonical(c.value)}`;
      return out + '}';
    });
    return `{"conditions":[${conditions.join(',')}],"event":${JSON.stringify(e.event)},"jobId":${JSON.stringify(e.jobId)},"priority":${canonical(e.priority)},"result":${canonical(e.result)},"rule":${JSON.stringify(e.rule)}}`;
  });
  return `[${entries.join(',')}]`;
}

/** Whether two values of a trace field write the same canonical JSON (`omitted`: an undefined one is left out, not written null). */
function sameField(a: unknown, b: unknown, write: (v: unknown) => string | undefined, omitted: boolean): boolean {
  if (a === b) return true;
  if (omitted && (a === undefined || b === undefined)) return false;
  return write(a) === write(b);
}

/**
 * Whether `canonicalTrace` writes the same text for both traces, field by field, without writing
 * either: the compact form's rebuild check (values rebuilt are mostly the very objects the trace held).
 */
function sameTrace(a: readonly TraceEntry[], b: readonly TraceEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!sameField(x.jobId, y.jobId, JSON.stringify, false) || !sameField(x.rule, y.rule, JSON.stringify, false) || !sameField(x.event, y.event, JSON.stringify, false)) return false;
    if (!sameField(x.priority, y.priority, canonical, false) || !sameField(x.result, y.result, canonical, false)) return false;
    if (x.conditions.length !== y.conditions.length) return false;
    for (let k = 0; k < x.conditions.length; k++) {
      const c = x.conditions[k]!;
      const d = y.conditions[k]!;
      if (!sameField(c.fact, d.fact, JSON.stringify, false) || !sameField(c.operator, d.operator, JSON.stringify, false)) return false;
      if (!sameField(c.path, d.path, JSON.stringify, true) || !sameField(c.result, d.result, JSON.stringify, true)) return false;
      if (!sameField(c.factValue, d.factValue, canonical, true) || !sameField(c.value, d.value, canonical, true)) return false;
    }
  }
  return true;
}

const sha256Of = (canonicalJson: string) => 'sha256:' + createHash('sha256').update(canonicalJson).digest('hex');

export function traceHash(trace: readonly TraceEntry[]): string {
  return sha256Of(canonicalTrace(trace));
}

const ruleIndexes = new WeakMap<RuleSetFile, Map<string, number>>();
function indexOf(file: RuleSetFile, name: string): number | undefined {
  let map = ruleIndexes.get(file);
  if (!map) {
    map = new Map();
    file.rules.forEach((r, i) => {
      if (!map!.has(r.name)) map!.set(r.name, i);
    });
    ruleIndexes.set(file, map);
  }
  return map.get(name);
}

class Mismatch extends Error {}

const isValueFact = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, 'fact');

class Encoder {
  readonly values: unknown[] = [];
  private readonly primitives = new Map<unknown, number>();
  private readonly objects = new Map<string, number>();
  private pos = 0;
  private conditions: readonly TraceCondition[] = [];

  constructor(private readonly file: RuleSetFile) {}

  value(v: unknown): string {
    if (v === undefined) return '_';
    const primitive = v === null || typeof v !== 'object';
    const key = primitive ? v : JSON.stringify(v);
    const known = primitive ? this.primitives.get(key) : this.objects.get(key as string);
    if (known !== undefined) return String(known);
    const index = this.values.push(v) - 1;
    if (primitive) this.primitives.set(key, index);
    else this.objects.set(key as string, index);
    return String(index);
  }

  entry(index: number, entry: TraceEntry): string {
    this.conditions = entry.conditions;
    this.pos = 0;
    const tokens = this.node(this.file.rules[index]!.conditions as ConditionNode);
    if (this.pos !== this.conditions.length) throw new Mismatch();
    return `${index}${entry.result ? 'T' : 'F'}${tokens}`;
  }

  private node(node: ConditionNode): string {
    if ('all' in node) return node.all.map((c) => this.node(c)).join('');
    if ('any' in node) return node.any.map((c) => this.node(c)).join('');
    if ('not' in node) return this.node(node.not);
    const c = this.conditions[this.pos];
    if (c === undefined) throw new Mismatch();
    if ('condition' in node) {
      if (c.fact === `condition:${node.condition}` && c.operator === 'condition') {
        this.pos++;
        return 'u';
      }
      const target = this.file.conditions[node.condition];
      if (target === undefined) throw new Mismatch();
      return '>' + this.node(target as ConditionNode);
    }
    if (c.fact !== node.fact) throw new Mismatch();
    this.pos++;
    if (c.result === undefined) return 'u';
    if (typeof c.result !== 'boolean') throw new Mismatch();
    const compared = isValueFact(node.value) && c.value !== node.value ? `=${this.value(c.value)}` : '';
    return (c.result ? 't' : 'f') + this.value(c.factValue) + compared;
  }
}

/** The trace in compact form, or null when it does not rebuild to itself from this rule set file (then it is stored whole). */
export function compactTrace(trace: readonly TraceEntry[], file: RuleSetFile): CompactTrace | null {
  const encoder = new Encoder(file);
  const jobs: Array<[string, string[]]> = [];
  const extra: TraceEntry[] = [];
  try {
    for (const entry of trace) {
      const last = jobs[jobs.length - 1];
      const segment = last && last[0] === entry.jobId ? last : (jobs.push([entry.jobId, []]), jobs[jobs.length - 1]!);
      const index = indexOf(file, entry.rule);
      const rule = index === undefined ? undefined : file.rules[index]!;
      if (index === undefined || !rule || (rule.priority ?? 1) !== entry.priority || rule.event.type !== entry.event) {
        segment[1].push(`x${extra.push(entry) - 1}`);
        continue;
      }
      segment[1].push(encoder.entry(index, entry));
    }
  } catch (error) {
    if (error instanceof Mismatch) return null;
    throw error;
  }
  const compact: CompactTrace = { compact: 1, hash: traceHash(trace), values: encoder.values, jobs: jobs.map(([jobId, entries]) => [jobId, entries.join(',')]), ...(extra.length > 0 ? { extra } : {}) };
  // Stored only if it rebuilds to exactly this trace (its canonical JSON, which the hash is of).
  try {
    return sameTrace(expandTrace(compact, file, false), trace) ? compact : null;
  } catch {
    return null;
  }
}

class Decoder {
  private pos = 0;
  constructor(
    private readonly file: RuleSetFile,
    private readonly values: readonly unknown[],
    private readonly text: string,
  ) {}

  private number(): number {
    const start = this.pos;
    while (this.pos < this.text.length && this.text.charCodeAt(this.pos) >= 48 && this.text.charCodeAt(this.pos) <= 57) this.pos++;
    if (start === this.pos) throw new Error('stored trace: a number expected');
    return Number(this.text.slice(start, this.pos));
  }

  private value(): unknown {
    if (this.text[this.pos] === '_') {
      this.pos++;
      return undefined;
    }
    const i = this.number();
    if (i >= this.values.length) throw new Error('stored trace: a value out of range');
    return this.values[i];
  }

  entries(jobId: string, extra: readonly TraceEntry[], out: TraceEntry[]): void {
    while (this.pos < this.text.length) {
      if (this.text[this.pos] === 'x') {
        this.pos++;
        const e = extra[this.number()];
        if (!e) throw new Error('stored trace: an extra entry out of range');
        out.push(e);
      } else {
        const rule = this.file.rules[this.number()];
        if (!rule) throw new Error('stored trace: a rule out of range');
        const result = this.text[this.pos++] === 'T';
        const conditions: TraceCondition[] = [];
        this.node(rule.conditions as ConditionNode, conditions);
        out.push({ jobId, rule: rule.name, priority: rule.priority ?? 1, result, event: rule.event.type, conditions });
      }
      if (this.pos < this.text.length && this.text[this.pos++] !== ',') throw new Error('stored trace: an entry runs on');
    }
  }

  private node(node: ConditionNode, out: TraceCondition[]): void {
    if ('all' in node) for (const c of node.all) this.node(c, out);
    else if ('any' in node) for (const c of node.any) this.node(c, out);
    else if ('not' in node) this.node(node.not, out);
    else if ('condition' in node) {
      const token = this.text[this.pos++];
      if (token === 'u') out.push({ fact: `condition:${node.condition}`, operator: 'condition', value: node.condition, factValue: null, result: undefined });
      else if (token === '>') this.node(this.file.conditions[node.condition] as ConditionNode, out);
      else throw new Error('stored trace: a named condition token expected');
    } else {
      const token = this.text[this.pos++];
      let value: unknown = node.value;
      let factValue: unknown;
      let result: boolean | undefined;
      if (token === 't' || token === 'f') {
        result = token === 't';
        factValue = this.value();
        if (this.text[this.pos] === '=') {
          this.pos++;
          value = this.value();
        }
      } else if (token !== 'u') throw new Error('stored trace: a condition token expected');
      out.push(typeof node.path === 'string' ? { fact: node.fact, path: node.path, operator: node.operator, value, factValue, result } : { fact: node.fact, operator: node.operator, value, factValue, result });
    }
  }
}

/** The full trace again from its compact form and the rule set file that decided it; verified against its hash unless told not to. */
export function expandTrace(compact: CompactTrace, file: RuleSetFile, verify = true): TraceEntry[] {
  const out: TraceEntry[] = [];
  for (const [jobId, text] of compact.jobs) new Decoder(file, compact.values, text).entries(jobId, compact.extra ?? [], out);
  if (verify && traceHash(out) !== compact.hash) throw new Error(`the stored trace does not rebuild to its hash ${compact.hash}`);
  return out;
}
