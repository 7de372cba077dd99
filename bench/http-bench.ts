/**
 * HTTP benchmark with its own floors, measured side by side in one run (absolute figures on a shared
 * machine move 2–5× between runs; the ratios are what counts):
 *
 *   floor: bare express + express.json echo        → pre-check POST /v1/eligibility
 *   floor: bare express, one INSERT per request     → claim submission POST /v1/claims (decide + durable write)
 *
 * Each server runs as its own child process (bench/http-bench-server.mjs) on the same database kind
 * (an embedded PGlite in a temp dir, or the PostgreSQL of DATABASE_URL); autocannon drives it from
 * this process on loopback. CPU ms/request is the server process's own CPU time (process.cpuUsage)
 * over the run divided by the requests answered (PostgreSQL's own backends are not in it); RSS is the
 * server's highest resident set during the run.
 *
 *   npm run bench:http                                  # embedded PostgreSQL (PGlite)
 *   DATABASE_URL=postgres://… npm run bench:http        # real PostgreSQL, durable writes
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_PORT=3917 npm run bench:http
 *   npm run bench:http -- --no-build                   # dist/ as it is (built already from these sources)
 *
 * Every server is the compiled code on plain node (bench/http-bench-server.mjs imports dist/), as
 * `node dist/server.js` runs in production; the bench builds dist/ first.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { withCheckDigit } from '../src/units/vin.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const port = Number(process.env.BENCH_PORT ?? 3917);
const units = Number(process.env.BENCH_UNITS ?? 2000);
/** Node options for every server (BENCH_NODE_ARGS='--max-old-space-size=160'): to try a V8 setting against the same floors. */
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const adminKey = 'bench-admin-key-0123456789abcdefghijkl';
const base = `http://127.0.0.1:${port}`;
const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const serverScript = path.join(benchDir, 'http-bench-server.mjs');

/**
 * The run's units are its own (serials from the run's start second): on a PostgreSQL kept between runs,
 * earlier runs' claims are on other units, so a claim's history, and what it costs, is this run's
 * alone instead of growing with every run the database has seen (41 earlier claims per unit, all
 * overlapping in dates, after twenty runs).
 */
const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const runSerial = Math.floor(Date.now() / 1000) % 20_000_000;
const vinOf = (i: number) => {
  let n = (runSerial * units + i) % VIN_ALPHABET.length ** 7;
  let serial = '';
  for (let k = 0; k < 7; k++, n = Math.floor(n / VIN_ALPHABET.length)) serial = VIN_ALPHABET[n % VIN_ALPHABET.length] + serial;
  return withCheckDigit(`LB9BL5180P${serial}`);
};

interface Stats {
  cpuMicros: number;
  rss: number;
}

class Server {
  private constructor(private readonly child: ChildProcess) {}

  static async start(mode: string, env: NodeJS.ProcessEnv): Promise<Server> {
    const child = fork(serverScript, [mode], { execArgv: nodeArgs, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${mode} server did not start within 120 s`)), 120_000);
      child.once('exit', (code) => reject(new Error(`the ${mode} server exited (${code})`)));
      child.on('message', (m: { ready?: number }) => {
        if (m.ready === undefined) return;
        clearTimeout(timer);
        resolve();
      });
    });
    return new Server(child);
  }

  /** Starts (`'start'`) or stops and writes a CPU profile; resolves once the profile is written. */
  profile(what: string): Promise<void> {
    if (!process.env.BENCH_PROFILE) return Promise.resolve();
    this.child.send({ profile: what });
    if (what === 'start') return Promise.resolve();
    return new Promise((resolve) => {
      const on = (m: { profiled?: string }) => {
        if (m.profiled !== what) return;
        this.child.off('message', on);
        resolve();
      };
      this.child.on('message', on);
    });
  }

  stats(): Promise<Stats> {
    return new Promise((resolve) => {
      const on = (m: { stats?: Stats }) => {
        if (!m.stats) return;
        this.child.off('message', on);
        resolve(m.stats);
      };
      this.child.on('message', on);
      this.child.send({ stats: true });
    });
  }

  async stop(): Promise<void> {
    this.child.removeAllListeners('exit');
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

function load(options: Omit<autocannon.Options, 'url'>, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration, ...options, url: base }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * CPU time of every PostgreSQL process on this machine (backends, WAL writer, checkpointer …), in µs,
 * from /proc; null when the database is not local or /proc is not readable. The claims path's profile
 * shows the service descheduled in its socket writes while the backends it woke run on the same two
 * cores: what a claim costs PostgreSQL is half of what a claim costs the machine.
 */
function postgresCpuMicros(): number | null {
  const url = process.env.DATABASE_URL;
  if (!url || !/@(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) return null;
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
    }
    return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

interface Figures {
  title: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  /** PostgreSQL's CPU (all its processes) per request answered; null when not measurable. */
  pgCpuMsPerRequest: number | null;
  rssMb: number;
  ok: number;
  notOk: number;
}

/** A warm-up, then the measured run with the server's CPU time and RSS over it. */
async function measure(title: string, server: Server, options: Omit<autocannon.Options, 'url'>): Promise<Figures> {
  if (warmupSeconds > 0) await load(options, warmupSeconds);
  const before = await server.stats();
  const pgBefore = postgresCpuMicros();
  void server.profile('start');
  const r = await load(options, seconds);
  const profiled = server.profile(title.replace(/[^a-z0-9]+/gi, '-'));
  const pgAfter = postgresCpuMicros();
  const after = await server.stats();
  await profiled;
  const answered = r['2xx'] + r.non2xx;
  if (process.env.BENCH_DEBUG) process.stderr.write(`${title}: ${JSON.stringify(r.statusCodeStats)}\n`);
  return {
    title,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMsPerRequest: answered ? (after.cpuMicros - before.cpuMicros) / 1000 / answered : NaN,
    pgCpuMsPerRequest: answered && pgBefore !== null && pgAfter !== null ? (pgAfter - pgBefore) / 1000 / answered : null,
    rssMb: after.rss / 2 ** 20,
    ok: r['2xx'],
    notOk: r.non2xx + r.errors + r.timeouts,
  };
}

async function registerUnits(): Promise<void> {
  const lines = Array.from({ length: units }, (_, i) =>
    JSON.stringify({ unitId: `BENCH-${runSerial.toString(36)}-${i}`, productLine: 'nev-special-vehicle', model: 'BL5180JSQ', vin: vinOf(i), saleDate: '2023-06-01', region: 'CN-HB' }),
  ).join('\n');
  const res = await fetch(`${base}/v1/units/import`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: lines });
  const report = (await res.json()) as { created: number; rejected: number };
  // On a PostgreSQL kept from an earlier run the units are there already (rejected as existing).
  if (report.created + report.rejected !== units || (report.created !== units && !process.env.DATABASE_URL)) {
    throw new Error(`registered ${report.created} of ${units} units`);
  }
}

const runId = Date.now().toString(36);
const today = DateTime.now().setZone('Asia/Shanghai');
const repairDate = today.minus({ days: 2 }).toISODate();
const failureDate = today.minus({ days: 3 }).toISODate();
const claimBody = (i: number) =>
  JSON.stringify({
    claimNumber: `B-${runId}-${i}`, stationId: `S${(i % 3) + 1}`, unit: { vin: vinOf(i % units) }, odometerKm: 60_000 + i,
    failureDate, repairDate, evidence: { photos: 2, faultStatePreserved: true },
    jobs: [{ jobId: 'J1', component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing',
      causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340000 },
      labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 2, rateFen: 8000 }] }],
  });
const precheckBody = (i: number) => JSON.stringify({ unit: { vin: vinOf(i % units) }, odometerKm: 80_000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] });
/** Every question new (its odometer differs), so none is answered from the memo of earlier answers: the path's cost when it decides. */
const freshPrecheckBody = (i: number) => JSON.stringify({ unit: { vin: vinOf(i % units) }, odometerKm: 1_000_000 + i, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] });

function post(pathName: string, body: (i: number) => string): Omit<autocannon.Options, 'url'> {
  let n = 0;
  return { requests: [{ method: 'POST', path: pathName, headers: auth, setupRequest: (req) => ({ ...req, body: body(n++) }) }] };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
  // The servers run the compiled service, as deployed: build it from the sources of this checkout.
  if (!process.argv.includes('--no-build')) execFileSync(process.execPath, [path.join(benchDir, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'warranty-bench-'));
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL (PGlite)';
  const env = { DATA_DIR: dataDir, BOOTSTRAP_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', WATCH_RULES: 'false', DEMO_UNITS: 'false' };
  const results: Figures[] = [];
  try {
    let server = await Server.start('echo', env);
    const echo = await measure('floor: express + express.json echo', server, post('/echo', precheckBody));
    await server.stop();
    server = await Server.start('insert', env);
    const insert = await measure('floor: express + one INSERT', server, post('/insert', claimBody));
    await server.stop();
    server = await Server.start('service', env);
    try {
      await registerUnits();
      // The dealers' traffic repeats its questions (2,000 VINs asked in turn): answered from the memo after the first round.
      // That round is asked before the warm-up, so the row measures the answers it names even when a
      // loaded machine's 2 s warm-up would not get round the VINs (it then measured first lookups).
      await load({ ...post('/v1/eligibility', precheckBody), amount: units }, 0);
      const precheck = await measure('POST /v1/eligibility (2 components)', server, post('/v1/eligibility', precheckBody));
      const freshPrecheck = await measure('  the same, every question new', server, post('/v1/eligibility', freshPrecheckBody));
      const claims = await measure('POST /v1/claims (decide + store)', server, post('/v1/claims', (i) => claimBody(i)));
      results.push(echo, precheck, freshPrecheck, insert, claims);

      const out: string[] = [];
      out.push('');
      out.push(`HTTP benchmark — ${database}, ${connections} connections, ${warmupSeconds} s warm-up + ${seconds} s each, ${units} units, node ${process.version}`);
      out.push('each server is its own process; CPU ms/req and RSS are the server process\'s own; PG CPU ms/req is all PostgreSQL processes\' (local PostgreSQL only)');
      out.push('');
      const row = (cells: string[]) => cells[0]!.padEnd(38) + cells.slice(1).map((c) => c.padStart(11)).join('');
      out.push(row(['', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'PG CPU ms', 'RSS MB', 'ok', 'not ok']));
      for (const f of results) {
        const pg = f.pgCpuMsPerRequest === null ? '—' : fixed(f.pgCpuMsPerRequest);
        out.push(row([f.title, int(f.reqPerSec), String(f.p50), String(f.p99), fixed(f.cpuMsPerRequest), pg, int(f.rssMb), String(f.ok), String(f.notOk)]));
      }
      out.push('');
      const ratio = (a: number, b: number) => `${fixed(a / b)}×`;
      const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
      const preRatio = precheck.reqPerSec / echo.reqPerSec;
      const preP99 = precheck.p99 / Math.max(1, echo.p99);
      const claimRatio = claims.reqPerSec / insert.reqPerSec;
      out.push(`pre-check / echo floor:   req/s ${ratio(precheck.reqPerSec, echo.reqPerSec)} (target ≥ 0.70×: ${verdict(preRatio >= 0.7)}), p99 ${fixed(preP99)}× (target ≤ 1.50×: ${verdict(preP99 <= 1.5)}), CPU/req ${ratio(precheck.cpuMsPerRequest, echo.cpuMsPerRequest)}`);
      out.push(`pre-check, every question new / echo floor: req/s ${ratio(freshPrecheck.reqPerSec, echo.reqPerSec)}, p99 ${fixed(freshPrecheck.p99 / Math.max(1, echo.p99))}×, CPU/req ${ratio(freshPrecheck.cpuMsPerRequest, echo.cpuMsPerRequest)}`);
      out.push(`claims / one-INSERT floor: req/s ${ratio(claims.reqPerSec, insert.reqPerSec)} (target ≥ 0.60×: ${verdict(claimRatio >= 0.6)}), p99 ${claims.p99} ms (target ≤ 50 ms on a quiet run: ${verdict(claims.p99 <= 50)}), CPU/req ${ratio(claims.cpuMsPerRequest, insert.cpuMsPerRequest)}`);
      if (claims.pgCpuMsPerRequest !== null && insert.pgCpuMsPerRequest !== null) {
        const machine = (f: Figures) => f.cpuMsPerRequest + (f.pgCpuMsPerRequest ?? 0);
        out.push(`CPU per claim, service + PostgreSQL: ${fixed(machine(claims))} ms (${fixed(claims.cpuMsPerRequest)} + ${fixed(claims.pgCpuMsPerRequest)}), one-INSERT floor ${fixed(machine(insert))} ms: ${ratio(machine(claims), machine(insert))}`);
      }
      out.push(`service RSS ${int(Math.max(precheck.rssMb, freshPrecheck.rssMb, claims.rssMb))} MB (target ≤ 200 MB: ${verdict(Math.max(precheck.rssMb, freshPrecheck.rssMb, claims.rssMb) <= 200)}); echo floor ${int(echo.rssMb)} MB`);
      process.stdout.write(out.join('\n') + '\n');
      if (precheck.notOk + freshPrecheck.notOk + claims.notOk > 0) process.exitCode = 1;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
