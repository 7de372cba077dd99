/**
 * HTTP benchmark: starts the service as its own process (embedded database in a temp dir, or the
 * PostgreSQL of DATABASE_URL), registers units, then drives it with autocannon on loopback and
 * prints req/s and p50/p99 for pre-check and for claim submission.
 *
 *   npm run bench:http                                  # embedded PostgreSQL (PGlite)
 *   DATABASE_URL=postgres://… npm run bench:http        # real PostgreSQL, durable writes
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 npm run bench:http
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { withCheckDigit } from '../src/units/vin.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const port = Number(process.env.BENCH_PORT ?? 3917);
const units = Number(process.env.BENCH_UNITS ?? 2000);
const adminKey = 'bench-admin-key-0123456789abcdefghijkl';
const base = `http://127.0.0.1:${port}`;
const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };

const vinOf = (i: number) => withCheckDigit(`LB9BL5180P${String(i).padStart(7, '0')}`);

async function waitReady(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the service did not become ready');
}

async function registerUnits(): Promise<void> {
  const lines = Array.from({ length: units }, (_, i) =>
    JSON.stringify({ unitId: `BENCH-${i}`, productLine: 'nev-special-vehicle', model: 'BL5180JSQ', vin: vinOf(i), saleDate: '2023-06-01', region: 'CN-HB' }),
  ).join('\n');
  const res = await fetch(`${base}/v1/units/import`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: lines });
  const report = (await res.json()) as { created: number };
  if (report.created !== units) throw new Error(`registered ${report.created} of ${units} units`);
}

function run(options: Omit<autocannon.Options, 'url'>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...options, url: base }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function line(title: string, r: autocannon.Result): string {
  const ok = r['2xx'];
  const bad = r.non2xx + r.errors + r.timeouts;
  if (process.env.BENCH_DEBUG) process.stderr.write(JSON.stringify(r.statusCodeStats) + '\n');
  return `${title.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${ok} ok, ${bad} not ok`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'warranty-bench-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, BOOTSTRAP_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', WATCH_RULES: 'false', DEMO_UNITS: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitReady();
    await registerUnits();
    const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL (PGlite)';
    const today = DateTime.now().setZone('Asia/Shanghai');
    const repairDate = today.minus({ days: 2 }).toISODate();
    const failureDate = today.minus({ days: 3 }).toISODate();

    let n = 0;
    const eligibility = await run({
      method: 'POST',
      headers: auth,
      requests: [{
        method: 'POST',
        path: '/v1/eligibility',
        headers: auth,
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ unit: { vin: vinOf(n++ % units) }, odometerKm: 80_000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] }) }),
      }],
    });

    let c = 0;
    const runId = Date.now().toString(36);
    const claims = await run({
      method: 'POST',
      headers: auth,
      requests: [{
        method: 'POST',
        path: '/v1/claims',
        headers: auth,
        setupRequest: (req) => {
          const i = c++;
          return {
            ...req,
            body: JSON.stringify({
              claimNumber: `B-${runId}-${i}`, stationId: `S${(i % 3) + 1}`, unit: { vin: vinOf(i % units) }, odometerKm: 60_000 + i,
              failureDate, repairDate, evidence: { photos: 2, faultStatePreserved: true },
              jobs: [{ jobId: 'J1', component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing',
                causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340000 },
                labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 2, rateFen: 8000 }] }],
            }),
          };
        },
      }],
    });

    process.stdout.write(`\nHTTP benchmark — ${database}, ${connections} connections, ${seconds} s each, ${units} units, node ${process.version}\n`);
    process.stdout.write(line('POST /v1/eligibility (2 components)', eligibility) + '\n');
    process.stdout.write(line('POST /v1/claims (decide + store)', claims) + '\n');
    process.stdout.write('targets: pre-check ≥ 5,000 req/s with p99 ≤ 10 ms; claims on PostgreSQL ≥ 1,000/s with p99 ≤ 50 ms\n');
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
