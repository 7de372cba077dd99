/**
 * Throughput of the adjudication core, trace on and off, beside two peers in the same run: GoRules
 * zen-engine deciding the coverage terms and exclusions as decision tables generated from the same
 * rule files (64 evaluations in flight), and json-rules-engine (the reference the compiled evaluator
 * is tested against) behind the same core.
 *
 *   npm run bench -- [--count 10000] [--seed 20261122] [--runs 7] [--reference-runs 3] [--skip-reference] [--skip-zen] [--in-flight 64] [--expect-hash sha256:…]
 *
 * The core sides run the full `adjudicate()` on the same generated claims, sequentially in this one
 * process; the compiled and json-rules-engine sides differ only in the evaluator behind the rule
 * sets (both keep their rules per component bucket). zen-engine is given each job's facts ready
 * (built untimed) and decides only terms and exclusions: its figure flatters it. A first, untimed pass over all claims warms both up and hashes every decision,
 * trace included: the two must be byte for byte the same, and `--expect-hash` checks that an
 * optimisation changed no decision.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import canonicalize from 'canonicalize';
import { adjudicate } from '../src/adjudication/adjudicate.js';
import type { Decision } from '../src/adjudication/decision.js';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import { loadRuleBook, type RuleBook } from '../src/rules/rule-book.js';
import { generateClaims, type GeneratedClaim } from './claim-generator.js';
import { storedDecision } from '../src/claims/stored-trace.js';
import { summaryOf } from '../src/claims/claim-store.js';
import { outcomeOf } from '../src/backtest/outcome.js';
import { expandTrace, isCompactTrace } from '../src/adjudication/trace-codec.js';
import { expandDecision } from '../src/adjudication/decision-codec.js';
import { runZen, ZenPeer, type ZenCase } from './zen-peer.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261122' },
    runs: { type: 'string', default: '7' },
    'reference-runs': { type: 'string', default: '3' },
    'skip-reference': { type: 'boolean', default: false },
    'skip-zen': { type: 'boolean', default: false },
    'in-flight': { type: 'string', default: '64' },
    'expect-hash': { type: 'string' },
  },
});
const count = Number(args.count);
const seed = Number(args.seed);
const runs = Math.max(1, Number(args.runs));
const referenceRuns = Math.max(1, Number(args['reference-runs']));
const inFlight = Math.max(1, Number(args['in-flight']));
const TARGET_LINES_PER_SECOND = 20_000;
/** Issue 13's targets, as ratios in one run. */
const TARGETS = { traceCost: 1.3, overZen: 2, overReference: 8, storedBytes: 2048 };

type BookFor = () => RuleBook;

async function decide(c: GeneratedClaim, ruleBook: RuleBook, trace = true): Promise<Decision> {
  return adjudicate({ claim: c.claim, unit: c.unit, history: c.history, ruleBook, today: c.today, trace, preAuthorisations: c.preAuthorisations });
}

/**
 * Untimed pass: every decision's JSON hashed, with and without its trace, and again as read back from
 * the JSON the store writes (`storedDecision`, through JSON as a row gives it back: jobs and trace
 * rebuilt), whose bytes are counted — with the row's other JSON columns (summary, outcome) apart.
 * Read back is compared as canonical JSON: the database keeps no key order.
 */
async function hashPass(cases: readonly GeneratedClaim[], bookFor: BookFor, onDecision?: (c: GeneratedClaim, decision: Decision) => void) {
  const full = createHash('sha256');
  const noTrace = createHash('sha256');
  const canonical = createHash('sha256');
  const rebuilt = createHash('sha256');
  const storedBytes: number[] = [];
  const rowBytes: number[] = [];
  const wholeBytes: number[] = [];
  for (const c of cases) {
    const decision = await decide(c, bookFor());
    onDecision?.(c, decision);
    const text = JSON.stringify(decision);
    full.update(text).update('\n');
    noTrace.update(JSON.stringify({ ...decision, trace: undefined })).update('\n');
    canonical.update(canonicalize(decision)!).update('\n');
    const file = decision.ruleSet ? (bookFor().ruleSets.find((r) => r.hash === decision.ruleSet!.hash)?.file ?? null) : null;
    const storedText = JSON.stringify(storedDecision(decision, file));
    const bytes = Buffer.byteLength(storedText);
    storedBytes.push(bytes);
    rowBytes.push(bytes + Buffer.byteLength(JSON.stringify(summaryOf(decision))) + Buffer.byteLength(JSON.stringify(outcomeOf(decision))));
    wholeBytes.push(Buffer.byteLength(text));
    const stored = expandDecision<Omit<Decision, 'trace'> & { trace: unknown }>(JSON.parse(storedText));
    const trace = isCompactTrace(stored.trace) ? expandTrace(stored.trace, file!) : stored.trace;
    rebuilt.update(canonicalize({ ...stored, trace })!).update('\n');
  }
  return {
    full: `sha256:${full.digest('hex')}`, noTrace: `sha256:${noTrace.digest('hex')}`, canonical: canonical.digest('hex'), rebuilt: rebuilt.digest('hex'),
    storedBytes: median(storedBytes), storedP90: quantile(storedBytes, 0.9), rowBytes: median(rowBytes), wholeBytes: median(wholeBytes),
  };
}

interface Pass {
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of this process (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
}

/** One timed pass over all claims. Decisions are only counted, so no pass retains them. */
async function timedPass(cases: readonly GeneratedClaim[], bookFor: BookFor, trace = true): Promise<Pass> {
  let jobs = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const c of cases) jobs += (await decide(c, bookFor(), trace)).jobs.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  if (jobs === 0) throw new Error('no jobs decided');
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** One timed pass of zen-engine over every job, `inFlight` at once; it must agree with the core on every one. */
async function zenPass(zenCases: readonly ZenCase[]): Promise<Pass & { disagreements: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const disagreements = await runZen(zenCases, inFlight);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, disagreements };
}

/** The nearest-rank quantile. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
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

  // zen-engine's jobs are taken from the core's decisions as they are made: no pass keeps 10,000 decisions alive for the next.
  const zen = args['skip-zen'] ? null : new ZenPeer();
  const zenCases: ZenCase[] | null = zen ? [] : null;
  const coreHash = await hashPass(cases, core, zen ? (c, decision) => zenCases!.push(...zen.casesOf(c, decision, ruleBook)) : undefined);
  const referenceHash = args['skip-reference'] ? null : await hashPass(cases, reference);
  let disagreements = 0;
  if (zenCases) disagreements = (await zenPass(zenCases)).disagreements; // warm-up, and the check
  // The sides' passes alternate, so all see the same load on a shared machine.
  const corePasses: Pass[] = [];
  const offPasses: Pass[] = [];
  const zenPasses: Pass[] = [];
  const referencePasses: Pass[] = [];
  for (let pass = 0; pass < Math.max(runs, referenceHash ? referenceRuns : 0); pass++) {
    if (pass < runs) {
      // Trace on and off take turns going first, so neither always follows the other's garbage.
      if (pass % 2 === 0) corePasses.push(await timedPass(cases, core));
      offPasses.push(await timedPass(cases, core, false));
      if (pass % 2 === 1) corePasses.push(await timedPass(cases, core));
      if (zenCases) {
        const z = await zenPass(zenCases);
        zenPasses.push(z);
        disagreements = Math.max(disagreements, z.disagreements);
      }
    }
    if (referenceHash && pass < referenceRuns) referencePasses.push(await timedPass(cases, reference));
  }
  const coreFigures = figures(corePasses, cases.length, lines);
  const offFigures = figures(offPasses, cases.length, lines);
  const zenFigures = zenCases ? figures(zenPasses, cases.length, lines) : null;
  const referenceFigures = referenceHash ? figures(referencePasses, cases.length, lines) : null;

  const out: string[] = [];
  out.push(`adjudication core benchmark: ${int(cases.length)} claims (${int(cases.length - eBikes)} NEV, ${int(eBikes)} e-bike), ${int(lines)} claim lines, seed ${seed}`);
  out.push(`node ${process.version} ${process.platform}/${process.arch}; rule book loaded in ${int(loadMs)} ms, claims generated in ${int(genMs)} ms`);
  out.push(`one untimed warm-up pass per side, then the median of ${runs} (compiled, zen-engine) / ${referenceRuns} (json-rules-engine) passes, alternating;`);
  out.push(`claims/s, lines/s and µs/claim are wall clock; cpu µs/cl is this process's CPU time per claim, all threads (steadier on a busy machine)`);
  if (zenCases) out.push(`zen-engine: ${int(zenCases.length)} jobs, ${inFlight} in flight, facts built untimed, terms and exclusions only (the core also prices, caps and explains)`);
  out.push('');
  const row = (name: string, ...cells: string[]) => name.padEnd(36) + cells.slice(0, 6).map((c) => c.padStart(11)).join('') + (cells[6] ? `   ${cells[6]}` : '');
  const cells = (f: ReturnType<typeof figures>) => [int(f.claimsPerSecond), int(f.linesPerSecond), fixed(f.microsPerClaim), fixed(f.cpuMicrosPerClaim)];
  out.push(row('', 'claims/s', 'lines/s', 'µs/claim', 'cpu µs/cl', 'ratio', 'cpu ratio', 'target (on ratio)'));
  const ratio = (r: number, cpu: number, target: number, atMost = false) => [`${fixed(r, 2)}×`, `${fixed(cpu, 2)}×`, `${atMost ? '≤' : '≥'} ${fixed(target, 1)}× ${(atMost ? r <= target : r >= target) ? 'met' : 'NOT met'}`];
  out.push(row('core, trace on (compiled)', ...cells(coreFigures)));
  // Trace cost: CPU per claim, trace on over trace off.
  const traceCost = coreFigures.cpuMicrosPerClaim / offFigures.cpuMicrosPerClaim;
  out.push(row('core, trace off (compiled)', ...cells(offFigures), `${fixed(offFigures.microsPerClaim > 0 ? coreFigures.microsPerClaim / offFigures.microsPerClaim : 0, 2)}×`, ...ratio(traceCost, traceCost, TARGETS.traceCost, true).slice(1)));
  const peer = (f: ReturnType<typeof figures>, target: number) => ratio(coreFigures.claimsPerSecond / f.claimsPerSecond, f.cpuMicrosPerClaim / coreFigures.cpuMicrosPerClaim, target);
  if (zenFigures) out.push(row(`zen-engine, ${inFlight} in flight`, ...cells(zenFigures), ...peer(zenFigures, TARGETS.overZen)));
  if (referenceFigures) out.push(row('core on json-rules-engine, trace on', ...cells(referenceFigures), ...peer(referenceFigures, TARGETS.overReference)));
  out.push('trace off row: trace on ÷ trace off, wall and CPU per claim, judged on CPU; peer rows: core (trace on) ÷ peer, in claims/s');
  out.push('(judged) and in CPU per claim (zen-engine works on threads of its own: under load its wall clock hides queueing the core pays)');
  out.push('');
  const met = coreFigures.linesPerSecond >= TARGET_LINES_PER_SECOND;
  out.push(`target ≥ ${int(TARGET_LINES_PER_SECOND)} claim lines/s: ${met ? 'met' : 'NOT met'} (${fixed((100 * coreFigures.linesPerSecond) / TARGET_LINES_PER_SECOND)} % of it)`);
  const storedMet = coreHash.storedBytes <= TARGETS.storedBytes;
  out.push(`stored decision, median JSON bytes per claim: ${int(coreHash.storedBytes)}, p90 ${int(coreHash.storedP90)} (jobs and trace compact; ${int(coreHash.wholeBytes)} as decided, ${fixed(coreHash.wholeBytes / coreHash.storedBytes, 2)}×); target ≤ ${int(TARGETS.storedBytes)}: ${storedMet ? 'met' : 'NOT met'}`);
  out.push(`the decision row's JSON with its summary and outcome columns, median bytes: ${int(coreHash.rowBytes)}`);
  out.push(`decisions hash, trace included: ${coreHash.full}`);
  out.push(`decisions read back from the stored form (jobs and trace rebuilt) equal to the decisions as decided: ${coreHash.rebuilt === coreHash.canonical ? 'yes' : 'NO'}`);
  if (referenceHash) out.push(`compiled and json-rules-engine decide alike, trace included: ${referenceHash.full === coreHash.full ? 'yes' : 'NO'}`);
  if (zenCases) out.push(`zen-engine and the core hold the same terms and exclusions: ${disagreements === 0 ? 'yes' : 'NO'}, ${int(disagreements)} of ${int(zenCases.length)} jobs disagree`);
  console.log(out.join('\n'));

  const expected = args['expect-hash'];
  if (expected !== undefined && expected !== coreHash.full) {
    console.error(`decisions changed: expected ${expected}`);
    process.exitCode = 1;
  }
  if (referenceHash && referenceHash.full !== coreHash.full) process.exitCode = 1;
  if (disagreements > 0 || coreHash.rebuilt !== coreHash.canonical) process.exitCode = 1;
}

await main();
