/**
 * Throughput of the adjudication core, trace on, against a naive use of json-rules-engine.
 *
 *   npm run bench -- [--count 10000] [--seed 20261122] [--runs 3] [--naive-runs 3] [--skip-naive] [--expect-hash sha256:…]
 *
 * Both sides run the full `adjudicate()` on the same generated claims, sequentially in this one
 * process; they differ only in the engines behind the rule set: our core keeps one engine per
 * component bucket, the naive side builds a new Engine with ALL the rule set's rules for every
 * claim. A first, untimed pass over all claims warms both up and hashes every decision, so an
 * optimisation can be checked not to change a single byte of any decision (trace included).
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Engine } from 'json-rules-engine';
import { adjudicate } from '../src/adjudication/adjudicate.js';
import type { Decision } from '../src/adjudication/decision.js';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import { RuleBook, loadRuleBook, type LoadedRuleSet } from '../src/rules/rule-book.js';
import { buildEngine, type EngineCache } from '../src/rules/rule-engines.js';
import { generateClaims, type GeneratedClaim } from './claim-generator.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261122' },
    runs: { type: 'string', default: '3' },
    'naive-runs': { type: 'string', default: '3' },
    'skip-naive': { type: 'boolean', default: false },
    'expect-hash': { type: 'string' },
  },
});
const count = Number(args.count);
const seed = Number(args.seed);
const runs = Math.max(1, Number(args.runs));
const naiveRuns = Math.max(1, Number(args['naive-runs']));
const TARGET_LINES_PER_SECOND = 20_000;

/** Stands in for an EngineCache: one fresh Engine with every rule of the set, built on first use. */
class NaiveEngines {
  private engine: Engine | null = null;

  constructor(
    private readonly ruleSet: LoadedRuleSet['file'],
    private readonly zone: string,
  ) {}

  run(_key: unknown, facts: Record<string, unknown>) {
    this.engine ??= buildEngine(this.ruleSet, this.ruleSet.rules, this.zone);
    return this.engine.run({ ...facts, timeZone: this.zone });
  }
}

/** A rule book like `book` whose rule sets build a new engine with all their rules: call once per claim. */
function naiveRuleBook(book: RuleBook): RuleBook {
  const ruleSets = book.ruleSets.map((set) => {
    const zone = book.policies.find((p) => p.file.productLine === set.file.productLine)?.file.timeZone ?? 'Asia/Shanghai';
    return { ...set, engines: new NaiveEngines(set.file, zone) as unknown as EngineCache };
  });
  return new RuleBook(ruleSets, book.policies, book.reasons);
}

type BookFor = () => RuleBook;

async function decide(c: GeneratedClaim, ruleBook: RuleBook): Promise<Decision> {
  return adjudicate({ claim: c.claim, unit: c.unit, history: c.history, ruleBook, today: c.today, trace: true });
}

/** Untimed pass: every decision's JSON hashed, with and without its trace. */
async function hashPass(cases: readonly GeneratedClaim[], bookFor: BookFor) {
  const full = createHash('sha256');
  const noTrace = createHash('sha256');
  for (const c of cases) {
    const decision = await decide(c, bookFor());
    full.update(JSON.stringify(decision)).update('\n');
    noTrace.update(JSON.stringify({ ...decision, trace: undefined })).update('\n');
  }
  return { full: `sha256:${full.digest('hex')}`, noTrace: `sha256:${noTrace.digest('hex')}` };
}

interface Pass {
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of this process (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
}

/** One timed pass over all claims. Decisions are only counted, so no pass retains them. */
async function timedPass(cases: readonly GeneratedClaim[], bookFor: BookFor): Promise<Pass> {
  let jobs = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const c of cases) jobs += (await decide(c, bookFor())).jobs.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  if (jobs === 0) throw new Error('no jobs decided');
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function figures(passes: readonly Pass[], claims: number, lines: number) {
  const seconds = median(passes.map((p) => p.seconds));
  const cpuSeconds = median(passes.map((p) => p.cpuSeconds));
  return { claimsPerSecond: claims / seconds, linesPerSecond: lines / seconds, microsPerClaim: (seconds * 1e6) / claims, cpuMicrosPerClaim: (cpuSeconds * 1e6) / claims };
}

async function main() {
  const loadStart = performance.now();
  const ruleBook = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
  const loadMs = performance.now() - loadStart;
  const genStart = performance.now();
  const cases = generateClaims({ count, seed });
  const genMs = performance.now() - genStart;
  const lines = cases.reduce((n, c) => n + c.claim.jobs.length, 0);
  const eBikes = cases.filter((c) => c.unit.productLine === 'e-bike').length;

  const core: BookFor = () => ruleBook;
  const naive: BookFor = () => naiveRuleBook(ruleBook);

  const coreHash = await hashPass(cases, core);
  const naiveHash = args['skip-naive'] ? null : await hashPass(cases, naive);
  // Core and naive passes alternate, so both sides see the same load on a shared machine.
  const corePasses: Pass[] = [];
  const naivePasses: Pass[] = [];
  for (let pass = 0; pass < Math.max(runs, naiveHash ? naiveRuns : 0); pass++) {
    if (pass < runs) corePasses.push(await timedPass(cases, core));
    if (naiveHash && pass < naiveRuns) naivePasses.push(await timedPass(cases, naive));
  }
  const coreFigures = figures(corePasses, cases.length, lines);
  const naiveFigures = naiveHash ? figures(naivePasses, cases.length, lines) : null;

  const out: string[] = [];
  out.push(`adjudication core benchmark: ${int(cases.length)} claims (${int(cases.length - eBikes)} NEV, ${int(eBikes)} e-bike), ${int(lines)} claim lines, seed ${seed}, trace on`);
  out.push(`node ${process.version} ${process.platform}/${process.arch}; rule book loaded in ${int(loadMs)} ms, claims generated in ${int(genMs)} ms`);
  out.push(`one untimed warm-up pass per side, then the median of ${runs} (core) / ${naiveRuns} (naive) sequential passes, alternating;`);
  out.push(`claims/s, lines/s and µs/claim are wall clock; cpu µs/cl is this process's CPU time per claim (steadier on a busy machine)`);
  out.push('');
  const row = (name: string, ...cells: string[]) => name.padEnd(30) + cells.map((c) => c.padStart(11)).join('');
  const cells = (f: ReturnType<typeof figures>) => [int(f.claimsPerSecond), int(f.linesPerSecond), fixed(f.microsPerClaim), fixed(f.cpuMicrosPerClaim)];
  out.push(row('', 'claims/s', 'lines/s', 'µs/claim', 'cpu µs/cl'));
  out.push(row('our core (engine per bucket)', ...cells(coreFigures)));
  if (naiveFigures) {
    out.push(row('naive (new engine per claim)', ...cells(naiveFigures)));
    const speedUp = (a: number, b: number) => `${fixed(a / b, 2)}×`;
    out.push(row('speed-up', speedUp(coreFigures.claimsPerSecond, naiveFigures.claimsPerSecond), '', '', speedUp(naiveFigures.cpuMicrosPerClaim, coreFigures.cpuMicrosPerClaim)));
  }
  out.push('');
  const met = coreFigures.linesPerSecond >= TARGET_LINES_PER_SECOND;
  out.push(`target ≥ ${int(TARGET_LINES_PER_SECOND)} claim lines/s: ${met ? 'met' : 'NOT met'} (${fixed((100 * coreFigures.linesPerSecond) / TARGET_LINES_PER_SECOND)} % of it)`);
  out.push(`decisions hash, trace included: ${coreHash.full}`);
  if (naiveHash) out.push(`core and naive decide alike (decisions without trace): ${naiveHash.noTrace === coreHash.noTrace ? 'yes' : 'NO'}`);
  console.log(out.join('\n'));

  const expected = args['expect-hash'];
  if (expected !== undefined && expected !== coreHash.full) {
    console.error(`decisions changed: expected ${expected}`);
    process.exitCode = 1;
  }
  if (naiveHash && naiveHash.noTrace !== coreHash.noTrace) process.exitCode = 1;
}

await main();
