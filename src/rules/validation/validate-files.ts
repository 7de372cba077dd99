import { IANAZone } from 'luxon';
import { ruleSetFileSchema, reasonCatalogueSchema, type ReasonCatalogue, type RuleSetFile, type ConditionNode } from '../rule-set-schema.js';
import { policyFileSchema, type PolicyFile } from '../../policies/policy-schema.js';
import { afterSalesPolicySchema, type AfterSalesPolicy } from '../../policies/after-sales-policy-schema.js';
import { JsonSource, formatPath, type JsonPath } from './json-source.js';
import { didYouMean } from './suggest.js';
import { comparedValues, staticMatch, type Candidate, type KnownFacts } from './static-match.js';
import type { Problem } from './problem.js';

export interface SourceFile {
  /** The path shown in messages (relative to where the command runs). */
  file: string;
  text: string;
  /** `after-sales`: policies/<line>/after-sales/<from>.json. */
  kind: 'rule-set' | 'policy' | 'reasons' | 'after-sales';
}

export interface Parsed<T> {
  file: string;
  data: T;
  raw: unknown;
}

export interface ValidatedFiles {
  problems: Problem[];
  ruleSets: Array<Parsed<RuleSetFile>>;
  policies: Array<Parsed<PolicyFile>>;
  afterSales: Array<Parsed<AfterSalesPolicy>>;
  reasons: ReasonCatalogue;
}

class Reporter {
  readonly problems: Problem[] = [];
  error(source: JsonSource, path: JsonPath, message: string): void {
    this.problems.push({ severity: 'error', file: source.file, ...source.locate(path), path: formatPath(path), message });
  }
  warn(source: JsonSource, path: JsonPath, message: string): void {
    this.problems.push({ severity: 'warning', file: source.file, ...source.locate(path), path: formatPath(path), message });
  }
}

type SchemaIssue = { path: PropertyKey[]; message: string; note?: string; options?: unknown[]; code?: string; keys?: string[] };

const at = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined), root);

/** What a policy owner meant by a key terms do not have: years are months, weeks are days. */
function unitHint(key: string, value: unknown): string {
  if (typeof value !== 'number') return '';
  if (key === 'years') return `; terms are in months or days: write "months": ${value * 12}`;
  if (key === 'weeks') return `; terms are in months or days: write "days": ${value * 7}`;
  return '';
}

/** zod's message, except where it does not name the value: an unknown event type says which, and what is allowed. */
function messageOf(issue: SchemaIssue, root: unknown): string {
  if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
    const parent = at(root, issue.path);
    return issue.keys
      .map((key) => {
        const known = typeof parent === 'object' && parent !== null && issue.path[issue.path.length - 1] === 'params' ? ['term', 'months', 'days', 'km'] : [];
        return `unknown key "${key}"${unitHint(key, (parent as Record<string, unknown> | undefined)?.[key]) || didYouMean(key, known)}`;
      })
      .join('; ');
  }
  if (issue.note !== 'No matching discriminator' || !Array.isArray(issue.options)) return issue.message;
  const options = issue.options.map(String);
  const value = at(root, issue.path);
  const noun = issue.path.includes('event') ? 'event type' : String(issue.path[issue.path.length - 1] ?? 'type');
  if (typeof value !== 'string') return `a ${noun} is required: ${options.join(', ')}`;
  return `unknown ${noun} "${value}"${didYouMean(value, options)}; ${noun}s: ${options.join(', ')}`;
}

/**
 * Money written with a decimal point: JSON reads `"priceFen": 1800.00` as 1800 fen (18.00 yuan)
 * without a word. Every number under a key ending in `Fen` must be written as a whole number.
 */
function decimalMoney(source: JsonSource, report: Reporter): Set<string> {
  const paths = new Set<string>();
  for (const n of source.numberLiterals()) {
    if (!n.path.some((k) => typeof k === 'string' && k.endsWith('Fen')) || /^-?\d+$/.test(n.raw)) continue;
    const fen = Math.round(n.value * 100);
    report.error(source, n.path, `money is an integer number of fen, written without a decimal point: ${n.raw} would be read as ${Math.trunc(n.value)} fen (${(Math.trunc(n.value) / 100).toFixed(2)} yuan); if you mean ${n.raw} yuan, write fen: ${fen}`);
    paths.add(formatPath(n.path));
  }
  return paths;
}

function parse<T>(source: JsonSource, schema: { safeParse(v: unknown): { success: boolean; data?: T; error?: { issues: SchemaIssue[] } } }, report: Reporter, reported: ReadonlySet<string> = new Set()): Parsed<T> | null {
  if (source.syntaxErrors.length > 0) {
    for (const e of source.syntaxErrors) report.problems.push({ severity: 'error', file: source.file, line: e.line, column: e.column, path: '', message: e.message });
    return null;
  }
  const parsed = schema.safeParse(source.value);
  if (!parsed.success) {
    const issues = parsed.error!.issues;
    // An unknown key explains the object's other complaint ("years" instead of "months"): say it once.
    const unknownKeysAt = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => formatPath(i.path as JsonPath)));
    for (const issue of issues) {
      const where = formatPath(issue.path as JsonPath);
      if (reported.has(where) || (issue.code === 'custom' && unknownKeysAt.has(where))) continue;
      report.error(source, issue.path as JsonPath, messageOf(issue, source.value));
    }
    return null;
  }
  if (reported.size > 0) return null;
  return { file: source.file, data: parsed.data as T, raw: source.value };
}

interface Vocabulary {
  components: Map<string, string>;
  categories: Set<string>;
  failureModes: Set<string>;
  parts: Set<string>;
}

function vocabularyOf(policies: ReadonlyArray<Parsed<PolicyFile>>, productLine: string): Vocabulary {
  const v: Vocabulary = { components: new Map(), categories: new Set(), failureModes: new Set(), parts: new Set() };
  for (const p of policies.filter((x) => x.data.productLine === productLine)) {
    for (const [name, c] of Object.entries(p.data.components)) {
      v.components.set(name, c.category);
      v.categories.add(c.category);
    }
    p.data.failureModes.forEach((m) => v.failureModes.add(m));
    p.data.parts.forEach((part) => v.parts.add(part.partNumber));
  }
  return v;
}

function checkPolicy(policy: Parsed<PolicyFile>, source: JsonSource, report: Reporter): void {
  const p = policy.data;
  const components = Object.keys(p.components);
  const categories = [...new Set(Object.values(p.components).map((c) => c.category))];
  const component = (name: string, path: JsonPath) => {
    if (!components.includes(name)) report.error(source, path, `unknown component "${name}"${didYouMean(name, components)}; add it to components first`);
  };
  if (p.evidence === undefined) report.warn(source, ['components'], 'no "evidence" block: claims of this line need no photos and no odometer; add "evidence": {"minPhotos": 1, "odometerRequired": false}');
  if (!IANAZone.isValidZone(p.timeZone)) report.error(source, ['timeZone'], `unknown time zone "${p.timeZone}" (an IANA zone such as Asia/Shanghai)`);
  for (const [name, c] of Object.entries(p.components)) {
    if (c.failureModes === undefined) {
      report.warn(source, ['components', name], `component ${name} lists no failureModes, so a claim may name any mode of the line for it; list the modes that apply, or write "failureModes": "any" where its term covers any fault`);
    } else if (c.failureModes !== 'any') {
      c.failureModes.forEach((mode, i) => {
        if (!p.failureModes.includes(mode)) report.error(source, ['components', name, 'failureModes', i], `unknown failure mode "${mode}"${didYouMean(mode, p.failureModes)}; a component's modes are taken from the line's failureModes`);
      });
    }
  }
  p.parts.forEach((part, i) => component(part.component, ['parts', i, 'component']));
  const numbers = new Map<string, number>();
  p.parts.forEach((part, i) => {
    if (numbers.has(part.partNumber)) report.error(source, ['parts', i, 'partNumber'], `part number ${part.partNumber} is listed twice (also parts[${numbers.get(part.partNumber)}])`);
    numbers.set(part.partNumber, i);
  });
  for (const [causal, allowed] of Object.entries(p.consequentialParts)) {
    component(causal, ['consequentialParts', causal]);
    allowed.forEach((c, i) => component(c, ['consequentialParts', causal, i]));
  }
  p.partReturn.components.forEach((c, i) => component(c, ['partReturn', 'components', i]));
  p.partReturn.categories.forEach((c, i) => {
    if (!categories.includes(c)) report.error(source, ['partReturn', 'categories', i], `unknown category "${c}"${didYouMean(c, categories)}`);
  });
  p.localStandards.forEach((s, i) => {
    if (!categories.includes(s.category)) report.error(source, ['localStandards', i, 'category'], `unknown category "${s.category}"${didYouMean(s.category, categories)}`);
  });
  const tiers = Object.keys(p.labour.ratesFen);
  if (!tiers.includes(p.labour.defaultTier)) report.error(source, ['labour', 'defaultTier'], `no rate for tier "${p.labour.defaultTier}"; tiers: ${tiers.join(', ')}`);
  for (const [station, s] of Object.entries(p.labour.stations)) {
    if (!tiers.includes(s.tier)) report.error(source, ['labour', 'stations', station, 'tier'], `no rate for tier "${s.tier}"${didYouMean(s.tier, tiers)}`);
  }
  const bands = p.travelBands.map((b) => b.maxKm);
  bands.forEach((km, i) => {
    if (i > 0 && km <= (bands[i - 1] as number)) report.error(source, ['travelBands', i, 'maxKm'], 'travel bands go from the nearest to the farthest');
  });
}

function checkRuleSet(set: Parsed<RuleSetFile>, source: JsonSource, vocab: Vocabulary, reasons: ReasonCatalogue, report: Reporter): void {
  const known = { component: [...vocab.components.keys()], category: [...vocab.categories], failureMode: [...vocab.failureModes], partNumber: [...vocab.parts] };
  const check = (node: unknown, path: JsonPath) => {
    const compared: Array<{ fact: string; value: unknown; path: Array<string | number> }> = [];
    comparedValues(node, [...path], compared);
    for (const c of compared) {
      const list = known[c.fact as keyof typeof known];
      if (!list || typeof c.value !== 'string') continue;
      if (!list.includes(c.value)) {
        const noun = { component: 'component', category: 'category', failureMode: 'failure mode', partNumber: 'part number' }[c.fact as keyof typeof known];
        report.error(source, c.path, `unknown ${noun} "${c.value}"${didYouMean(c.value, list)} (not in the ${set.data.productLine} policies)`);
      }
    }
  };
  for (const [name, condition] of Object.entries(set.data.conditions)) check(condition, ['conditions', name]);
  set.data.rules.forEach((rule, i) => {
    check(rule.conditions, ['rules', i, 'conditions']);
    const code = 'code' in rule.event.params ? rule.event.params.code : undefined;
    if (code !== undefined && !(code in reasons)) report.error(source, ['rules', i, 'event', 'params', 'code'], `unknown reason code "${code}"${didYouMean(code, Object.keys(reasons))}; add it to rules/${set.data.productLine}/reason-codes.json (this line's own codes) or rules/reason-codes.json (shared)`);
  });
}

/** What the core knows of a job outside its term that is no comeback. */
const OUT_OF_TERM: KnownFacts = { 'coverage:$.withinTerm': false, comeback: false };

/**
 * Error: a rule set in which a job with a term, outside it and no comeback, is denied by no rule. The
 * core would pend such a job (WA-OUT-OF-TERM) rather than pay it, but every such claim would wait for a
 * person: the expiry rule is missing or narrower than the terms.
 */
function checkExpiry(set: Parsed<RuleSetFile>, source: JsonSource, vocab: Vocabulary, report: Reporter): void {
  const named = set.data.conditions as Record<string, ConditionNode>;
  const rules = set.data.rules;
  const terms = rules.filter((r) => r.event.type === 'term');
  if (terms.length === 0) return;
  const lowestTerm = Math.min(...terms.map((t) => t.priority));
  const expiries = rules.filter((r) => r.event.type === 'deny' && r.priority < lowestTerm);
  const undecided: string[] = [];
  for (const [component, category] of vocab.components) {
    for (const failureMode of vocab.failureModes) {
      const c = { component, category, failureMode };
      if (!terms.some((t) => staticMatch(t.conditions as ConditionNode, c, named) !== false)) continue;
      if (!expiries.some((r) => staticMatch(r.conditions as ConditionNode, c, named, OUT_OF_TERM) === true)) undecided.push(`${component} / ${failureMode}`);
    }
  }
  if (undecided.length === 0) return;
  const shown = undecided.slice(0, 3).join(', ') + (undecided.length > 3 ? ` and ${undecided.length - 3} more` : '');
  report.error(
    source,
    ['rules'],
    `no rule denies a job outside its term: ${shown} with coverage.withinTerm false and no comeback would be left undecided (the core pends it WA-OUT-OF-TERM). ` +
      `Add a deny rule at a priority below the terms' (${lowestTerm}), e.g. {"name": "${set.data.productLine}.term.expired", "priority": 10, "conditions": {"all": [{"fact": "coverage", "path": "$.withinTerm", "operator": "equal", "value": false}, {"fact": "comeback", "operator": "equal", "value": false}]}, "event": {"type": "deny", "params": {"code": "EW"}}}`,
  );
}

/** Every fact a condition tree reads, through named conditions and fact references in values. */
function factsOf(node: ConditionNode, named: Record<string, ConditionNode>, seen: Set<string> = new Set()): string[] {
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.all) || Array.isArray(n.any)) return ((n.all ?? n.any) as ConditionNode[]).flatMap((c) => factsOf(c, named, seen));
  if (n.not) return factsOf(n.not as ConditionNode, named, seen);
  if (typeof n.condition === 'string') {
    if (seen.has(n.condition) || !named[n.condition]) return [];
    seen.add(n.condition);
    return factsOf(named[n.condition]!, named, seen);
  }
  const value = n.value as { fact?: unknown } | null;
  const referenced = typeof value === 'object' && value !== null && typeof value.fact === 'string' ? [value.fact] : [];
  return typeof n.fact === 'string' ? [n.fact, ...referenced] : referenced;
}

/** Lint: rules that overlap, never fire, and components or failure modes no coverage rule names. */
function lintRuleSet(set: Parsed<RuleSetFile>, source: JsonSource, vocab: Vocabulary, report: Reporter): void {
  const named = set.data.conditions as Record<string, ConditionNode>;
  const candidates: Candidate[] = [];
  for (const [component, category] of vocab.components) {
    candidates.push({ component, category, failureMode: null });
    for (const mode of vocab.failureModes) candidates.push({ component, category, failureMode: mode });
  }
  const rules = set.data.rules.map((rule, index) => ({ rule, index }));
  const terms = rules.filter((r) => r.rule.event.type === 'term');

  for (const { rule, index } of rules) {
    if (candidates.length > 0 && candidates.every((c) => staticMatch(rule.conditions as ConditionNode, c, named) === false)) {
      report.warn(source, ['rules', index, 'conditions'], `rule ${rule.name} can never fire: no component and failure mode of the policies satisfies its conditions`);
    }
  }
  // Chaining: a rule sees the term and comeback concluded by rules of higher priority only.
  const concludes: Record<string, 'term' | 'comeback'> = { term: 'term', coverage: 'term', comeback: 'comeback' };
  for (const { rule, index } of rules) {
    for (const fact of new Set(factsOf(rule.conditions as ConditionNode, named))) {
      const event = concludes[fact];
      if (!event) continue;
      const setter = rules.find((r) => r.rule.event.type === event && r.rule.priority <= rule.priority);
      if (setter) {
        report.warn(source, ['rules', index, 'priority'], `rule ${rule.name} reads ${fact} at priority ${rule.priority}, but ${setter.rule.name} concludes it at priority ${setter.rule.priority}: a rule only sees what rules of higher priority concluded; give ${rule.name} a lower priority`);
      }
    }
  }
  const reported = new Set<string>();
  for (const c of candidates.filter((x) => x.failureMode !== null)) {
    const matching = terms.filter((t) => staticMatch(t.rule.conditions as ConditionNode, c, named) !== false);
    for (let a = 0; a < matching.length; a++) {
      for (let b = a + 1; b < matching.length; b++) {
        const [x, y] = [matching[a]!, matching[b]!];
        const key = `${x.index}/${y.index}`;
        if (reported.has(key) || JSON.stringify(x.rule.event.params) === JSON.stringify(y.rule.event.params)) continue;
        reported.add(key);
        report.warn(source, ['rules', y.index, 'conditions'], `rules ${x.rule.name} and ${y.rule.name} can both match ${c.component} / ${c.failureMode} with different terms; make their conditions exclusive`);
      }
    }
  }
  const denied = (c: Candidate) => rules.some((r) => r.rule.event.type === 'deny' && staticMatch(r.rule.conditions as ConditionNode, c, named) === true);
  for (const [component, category] of vocab.components) {
    const c = { component, category, failureMode: null };
    const named_ = terms.some((t) => [...vocab.failureModes, null].some((m) => staticMatch(t.rule.conditions as ConditionNode, { ...c, failureMode: m }, named) !== false));
    if (!named_ && !denied(c)) report.warn(source, ['rules'], `gap: no coverage rule names component ${component}; its claims would pend (WA-NO-TERM)`);
  }
  for (const mode of vocab.failureModes) {
    const named_ = terms.some((t) => [...vocab.components].some(([component, category]) => staticMatch(t.rule.conditions as ConditionNode, { component, category, failureMode: mode }, named) === true));
    const anyMode = terms.some((t) => [...vocab.components].some(([component, category]) => staticMatch(t.rule.conditions as ConditionNode, { component, category, failureMode: mode }, named) !== false));
    if (!named_ && !anyMode && !rules.some((r) => r.rule.event.type === 'deny' && [...vocab.components].some(([component, category]) => staticMatch(r.rule.conditions as ConditionNode, { component, category, failureMode: mode }, named) === true))) {
      report.warn(source, ['rules'], `gap: no coverage rule names failure mode ${mode}; its claims would pend (WA-NO-TERM)`);
    }
  }
}

function lintWindows<T extends { productLine: string; version: string; effective: { from: string; to?: string | null | undefined } }>(items: ReadonlyArray<Parsed<T>>, sources: Map<string, JsonSource>, report: Reporter, what: string): void {
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const [x, y] = [items[a]!.data, items[b]!.data];
      if (x.productLine !== y.productLine) continue;
      const overlap = x.effective.from < (y.effective.to ?? '9999-12-31') && y.effective.from < (x.effective.to ?? '9999-12-31');
      if (overlap) report.warn(sources.get(items[b]!.file)!, ['effective'], `${what} ${y.productLine} versions ${x.version} and ${y.version} have overlapping effective windows; the later "from" wins on the overlap — close the earlier window with "to"`);
    }
  }
}

/**
 * The after-sales policies (policies/<line>/after-sales/<from>.json): schema, the folder they sit in,
 * a coverage policy for their line, and no two versions of a line in force on the same day.
 */
function validateAfterSales(files: readonly SourceFile[], sources: Map<string, JsonSource>, policies: ReadonlyArray<Parsed<PolicyFile>>, unreadablePolicyLines: ReadonlySet<string>, report: Reporter): Array<Parsed<AfterSalesPolicy>> {
  const parsed = files
    .filter((f) => f.kind === 'after-sales')
    .map((f) => parse(sources.get(f.file)!, afterSalesPolicySchema, report))
    .filter((p): p is Parsed<AfterSalesPolicy> => p !== null);
  for (const p of parsed) {
    const source = sources.get(p.file)!;
    const parts = p.file.split(/[\\/]/);
    const folder = parts[parts.length - 3];
    if (parts[parts.length - 2] === 'after-sales' && folder !== undefined && folder !== p.data.productLine) {
      report.error(source, ['productLine'], `productLine ${p.data.productLine} is not its folder ${folder}: move the file to policies/${p.data.productLine}/after-sales/ or name the line ${folder}`);
    } else if (!policies.some((x) => x.data.productLine === p.data.productLine) && !unreadablePolicyLines.has(p.data.productLine)) {
      report.error(source, ['productLine'], `no policy file for product line ${p.data.productLine}: add policies/${p.data.productLine}/<version>.json`);
    }
  }
  lintWindows(parsed.map((p) => ({ ...p, data: { ...p.data, version: p.data.effective.from } })), sources, report, 'after-sales policy');
  return parsed;
}

/** The product line a policy file is for: its `productLine`, else its folder (`policies/<line>/<version>.json`). */
function policyLineOf(source: JsonSource, file: string): string {
  const value = source.value as { productLine?: unknown } | undefined;
  if (typeof value?.productLine === 'string') return value.productLine;
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 2] ?? '';
}

/** Validates rule, policy and reason files together: schema, vocabulary across files, and lint warnings. */
export function validateFiles(files: readonly SourceFile[]): ValidatedFiles {
  const report = new Reporter();
  const sources = new Map(files.map((f) => [f.file, new JsonSource(f.file, f.text)]));
  // The shared catalogue (`rules/reason-codes.json`, the shallowest) and a line's own (`rules/<line>/reason-codes.json`).
  const reasonFiles = files.filter((f) => f.kind === 'reasons').sort((a, b) => a.file.split(/[\\/]/).length - b.file.split(/[\\/]/).length);
  const [sharedFile, ...lineFiles] = reasonFiles;
  const shared = sharedFile ? (parse(sources.get(sharedFile.file)!, reasonCatalogueSchema, report)?.data ?? {}) : {};
  if (!sharedFile) report.problems.push({ severity: 'error', file: 'rules/reason-codes.json', line: 1, column: 1, path: '', message: 'the reason-code catalogue is missing' });
  const lineReasons = new Map<string, ReasonCatalogue>();
  const reasons: ReasonCatalogue = { ...shared };
  for (const f of lineFiles) {
    const source = sources.get(f.file)!;
    const own = parse(source, reasonCatalogueSchema, report)?.data ?? {};
    const parts = f.file.split(/[\\/]/);
    const line = parts[parts.length - 2] ?? '';
    for (const code of Object.keys(own)) {
      if (code in shared) report.error(source, [code], `reason code ${code} is already in ${sharedFile!.file}; a line's own file adds codes, it does not redefine shared ones`);
      else if (code in reasons) report.error(source, [code], `reason code ${code} is already defined by another product line; give it a name of this line (e.g. WA-${line.toUpperCase().split('-')[0]}-…)`);
    }
    lineReasons.set(line, own);
    Object.assign(reasons, own);
  }
  const reasonsFor = (line: string): ReasonCatalogue => ({ ...shared, ...(lineReasons.get(line) ?? {}) });

  // A policy file with errors still exists: its rule sets are not told "no policy file" (its own errors say what is wrong).
  const unreadablePolicyLines = new Set<string>();
  const policies = files
    .filter((f) => f.kind === 'policy')
    .map((f) => {
      const source = sources.get(f.file)!;
      const parsed = parse(source, policyFileSchema, report, source.syntaxErrors.length === 0 ? decimalMoney(source, report) : new Set());
      if (!parsed) unreadablePolicyLines.add(policyLineOf(source, f.file));
      return parsed;
    })
    .filter((p): p is Parsed<PolicyFile> => p !== null);
  const ruleSets = files.filter((f) => f.kind === 'rule-set').map((f) => parse(sources.get(f.file)!, ruleSetFileSchema, report)).filter((r): r is Parsed<RuleSetFile> => r !== null);

  for (const p of policies) checkPolicy(p, sources.get(p.file)!, report);
  for (const set of ruleSets) {
    const source = sources.get(set.file)!;
    if (!policies.some((p) => p.data.productLine === set.data.productLine)) {
      if (unreadablePolicyLines.has(set.data.productLine)) continue;
      report.error(source, ['productLine'], `no policy file for product line ${set.data.productLine}: add policies/${set.data.productLine}/<version>.json`);
      continue;
    }
    const vocab = vocabularyOf(policies, set.data.productLine);
    checkRuleSet(set, source, vocab, reasonsFor(set.data.productLine), report);
    checkExpiry(set, source, vocab, report);
    lintRuleSet(set, source, vocab, report);
  }
  lintWindows(ruleSets, sources, report, 'rule set');
  lintWindows(policies, sources, report, 'policy');
  const afterSales = validateAfterSales(files, sources, policies, unreadablePolicyLines, report);
  return { problems: report.problems, ruleSets, policies, afterSales, reasons };
}
