/**
 * Throughput of the adjudication core, trace on: the compiled evaluator (the default) against
 * json-rules-engine (the reference it is tested against).
 *
 *   npm run bench -- [--count 10000] [--seed 20261122] [--runs 3] [--reference-runs 3] [--skip-reference] [--expect-hash sha256:…]
 *
 * Both sides run the full `adjudicate()` on the same generated claims, sequentially in this one
 * process; they differ only in the evaluator behind the rule sets (both keep their rules per
 * component bucket). A first, untimed pass over all claims warms both up and hashes every decision,
 * trace included: the two must be byte for byte the same, and `--expect-hash` checks that an
 * optimisation changed no decision.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { adjudicate } from '../src/adjudication/adjudicate.js';
import type { Decision } from '../src/adjudication/decision.js';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import { loadRuleBook, type RuleBook } from '../src/rules/rule-book.js';
import { generateClaims, type GeneratedClaim } from './claim-generator.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261122' },
    runs: { type: 'string', default: '3' },
    'reference-runs': { type: 'string', default: '3' },
    'skip-reference': { type: 'boolean', default: false },
    'expect-hash': { type: 'string' },
  },
});
const count = Number(args.count);
const seed = Number(args.seed);
const runs = Math.max(1, Number(args.runs));
const referenceRuns = Math.max(1, Number(args['reference-runs']));
const TARGET_LINES_PER_SECOND = 20_000;

type BookFor = () => RuleBook;

async function decide(c: GeneratedClaim, ruleBook: RuleBook): Promise<Decision> {
  return adjudicate({ claim: c.claim, unit: c.unit, history: c.history, ruleBook, today: c.today, trace: true, preAuthorisations: c.preAuthorisations });
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
  const ruleBook = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir(), { evaluator: 'compiled' });
  const loadMs = performance.now() - loadStart;
  const referenceBook = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir(), { evaluator: 'json-rules-engine' });
  const genStart = performance.now();
  const cases = generateClaims({ count, seed });
  const genMs = performance.now() - genStart;
  const lines = cases.reduce((n, c) => n + c.claim.jobs.length, 0);
  const eBikes = cases.filter((c) => c.unit.productLine === 'e-bike').length;

  const core: BookFor = () => ruleBook;
  const reference: BookFor = () => referenceBook;

  const coreHash = await hashPass(cases, core);
  const referenceHash = args['skip-reference'] ? null : await hashPass(cases, reference);
  // The two sides' passes alternate, so both see the same load on a shared machine.
  const corePasses: Pass[] = [];
  const referencePasses: Pass[] = [];
  for (let pass = 0; pass < Math.max(runs, referenceHash ? referenceRuns : 0); pass++) {
    if (pass < runs) corePasses.push(await timedPass(cases, core));
    if (referenceHash && pass < referenceRuns) referencePasses.push(await timedPass(cases, reference));
  }
  const coreFigures = figures(corePasses, cases.length, lines);
  const referenceFigures = referenceHash ? figures(referencePasses, cases.length, lines) : null;

  const out: string[] = [];
  out.push(`adjudication core benchmark: ${int(cases.length)} claims (${int(cases.length - eBikes)} NEV, ${int(eBikes)} e-bike), ${int(lines)} claim lines, seed ${seed}, trace on`);
  out.push(`node ${process.version} ${process.platform}/${process.arch}; rule book loaded in ${int(loadMs)} ms, claims generated in ${int(genMs)} ms`);
  out.push(`one untimed warm-up pass per side, then the median of ${runs} (compiled) / ${referenceRuns} (json-rules-engine) sequential passes, alternating;`);
  out.push(`claims/s, lines/s and µs/claim are wall clock; cpu µs/cl is this process's CPU time per claim (steadier on a busy machine)`);
  out.push('');
  const row = (name: string, ...cells: string[]) => name.padEnd(30) + cells.map((c) => c.padStart(11)).join('');
  const cells = (f: ReturnType<typeof figures>) => [int(f.claimsPerSecond), int(f.linesPerSecond), fixed(f.microsPerClaim), fixed(f.cpuMicrosPerClaim)];
  out.push(row('', 'claims/s', 'lines/s', 'µs/claim', 'cpu µs/cl'));
  out.push(row('core, compiled evaluator', ...cells(coreFigures)));
  if (referenceFigures) {
    out.push(row('core, json-rules-engine', ...cells(referenceFigures)));
    const speedUp = (a: number, b: number) => `${fixed(a / b, 2)}×`;
    out.push(row('speed-up', speedUp(coreFigures.claimsPerSecond, referenceFigures.claimsPerSecond), '', '', speedUp(referenceFigures.cpuMicrosPerClaim, coreFigures.cpuMicrosPerClaim)));
  }
  out.push('');
  const met = coreFigures.linesPerSecond >= TARGET_LINES_PER_SECOND;
  out.push(`target ≥ ${int(TARGET_LINES_PER_SECOND)} claim lines/s: ${met ? 'met' : 'NOT met'} (${fixed((100 * coreFigures.linesPerSecond) / TARGET_LINES_PER_SECOND)} % of it)`);
  out.push(`decisions hash, trace included: ${coreHash.full}`);
  if (referenceHash) out.push(`compiled and json-rules-engine decide alike, trace included: ${referenceHash.full === coreHash.full ? 'yes' : 'NO'}`);
  console.log(out.join('\n'));

  const expected = args['expect-hash'];
  if (expected !== undefined && expected !== coreHash.full) {
    console.error(`decisions changed: expected ${expected}`);
    process.exitCode = 1;
  }
  if (referenceHash && referenceHash.full !== coreHash.full) process.exitCode = 1;
}

await main();
