/**
 * Soak: the service as its own process (embedded database in a temp dir, or the PostgreSQL of
 * DATABASE_URL) under a bounded mix of pre-checks and claim submissions on loopback, for minutes.
 * Every 10 s it prints the service's RSS and the window's p50/p99 as a table row; at the end it
 * compares the last third with the first third after warm-up: flat means RSS within ±10 % and p99
 * within 1.5×. Exit code 1 when it is not flat.
 *
 *   npm run soak                          # 30 minutes, embedded database
 *   npm run soak -- --minutes 5 --rate 150 --connections 8
 *   DATABASE_URL=postgres://… npm run soak
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { withCheckDigit } from '../src/units/vin.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '150' },
    connections: { type: 'string', default: '8' },
    units: { type: 'string', default: '500' },
    'claim-share': { type: 'string', default: '0.25' },
    port: { type: 'string', default: '3918' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const connections = Number(values.connections);
const units = Number(values.units);
const claimShare = Number(values['claim-share']);
const base = `http://127.0.0.1:${values.port}`;
const WINDOW_MS = 10_000;
const adminKey = 'soak-admin-key-0123456789abcdefghijklmn';
const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
const vinOf = (i: number) => withCheckDigit(`LB9BL5180S${String(i).padStart(7, '0')}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(500);
  }
  throw new Error('the service did not become ready');
}

const quantile = (xs: number[], q: number) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!);
const median = (xs: number[]) => quantile(xs, 0.5);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'warranty-soak-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: values.port, DATA_DIR: dataDir, BOOTSTRAP_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', WATCH_RULES: 'false', DEMO_UNITS: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitReady();
    const lines = Array.from({ length: units }, (_, i) => JSON.stringify({ unitId: `SOAK-${i}`, productLine: 'nev-special-vehicle', model: 'BL5180JSQ', vin: vinOf(i), saleDate: '2023-06-01', region: 'CN-HB' }));
    const imported = await fetch(`${base}/v1/units/import`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
    if (!imported.ok) throw new Error(`unit import answered ${imported.status}`);

    const today = DateTime.now().setZone('Asia/Shanghai');
    const repairDate = today.minus({ days: 2 }).toISODate();
    const failureDate = today.minus({ days: 3 }).toISODate();
    const runId = Date.now().toString(36);
    let sent = 0;
    const preCheck = (i: number) => ({ path: '/v1/eligibility', body: { unit: { vin: vinOf(i % units) }, odometerKm: 80_000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] } });
    const claim = (i: number) => ({
      path: '/v1/claims',
      body: {
        claimNumber: `SOAK-${runId}-${i}`, stationId: `S${(i % 3) + 1}`, unit: { vin: vinOf(i % units) }, odometerKm: 60_000 + i,
        failureDate, repairDate, evidence: { photos: 2, faultStatePreserved: true },
        jobs: [{ jobId: 'J1', component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing',
          causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340000 }, labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 2, rateFen: 8000 }] }],
      },
    });

    const endAt = performance.now() + minutes * 60_000;
    const interval = (1000 * connections) / rate;
    let window: number[] = [];
    let errors = 0;
    const rows: Array<{ at: number; rss: number; p50: number; p99: number; requests: number; errors: number }> = [];
    process.stdout.write(`\nsoak — ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL (PGlite)'}, ${minutes} min, ${rate} req/s over ${connections} connections, ${Math.round(claimShare * 100)} % claims, ${units} units\n\n`);
    process.stdout.write('|   min | requests | not 2xx | p50 ms | p99 ms | RSS MB |\n|------:|---------:|--------:|-------:|-------:|-------:|\n');
    const workers = Array.from({ length: connections }, async (_, w) => {
      await sleep((interval * w) / connections);
      while (performance.now() < endAt) {
        const started = performance.now();
        const i = sent++;
        const { path: p, body } = Math.random() < claimShare ? claim(i) : preCheck(i);
        try {
          const res = await fetch(`${base}${p}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
          await res.arrayBuffer();
          if (res.status >= 300) errors += 1;
        } catch {
          errors += 1;
        }
        window.push(performance.now() - started);
        const wait = interval - (performance.now() - started);
        if (wait > 0) await sleep(wait);
      }
    });
    const startedAt = performance.now();
    const sampler = (async () => {
      while (performance.now() < endAt) {
        await sleep(WINDOW_MS);
        const latencies = window;
        window = [];
        const row = { at: (performance.now() - startedAt) / 60_000, rss: await rssMb(server.pid!), p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), requests: latencies.length, errors };
        errors = 0;
        rows.push(row);
        process.stdout.write(`| ${row.at.toFixed(1).padStart(5)} | ${String(row.requests).padStart(8)} | ${String(row.errors).padStart(7)} | ${row.p50.toFixed(1).padStart(6)} | ${row.p99.toFixed(1).padStart(6)} | ${row.rss.toFixed(0).padStart(6)} |\n`);
      }
    })();
    await Promise.all([...workers, sampler]);

    // Warm-up: the first 10 % (at least one window) is left out; then thirds of what remains.
    const settled = rows.slice(Math.max(1, Math.floor(rows.length / 10)));
    const third = Math.max(1, Math.floor(settled.length / 3));
    const first = settled.slice(0, third);
    const last = settled.slice(-third);
    const rssRatio = median(last.map((r) => r.rss)) / median(first.map((r) => r.rss));
    const p99Ratio = median(last.map((r) => r.p99)) / median(first.map((r) => r.p99));
    const flat = Math.abs(rssRatio - 1) <= 0.1 && p99Ratio <= 1.5;
    const total = rows.reduce((n, r) => n + r.requests, 0);
    const failed = rows.reduce((n, r) => n + r.errors, 0);
    process.stdout.write(`\n${total} requests, ${failed} not 2xx; last third vs first third after warm-up: RSS ${rssRatio.toFixed(2)}× (±10 % allowed), p99 ${p99Ratio.toFixed(2)}× (≤ 1.5× allowed) → ${flat ? 'flat' : 'NOT flat'}\n`);
    process.exitCode = flat && failed === 0 ? 0 : 1;
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
