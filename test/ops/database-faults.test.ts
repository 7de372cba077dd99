import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Db } from '../../src/db/db.js';
import { createPgDb } from '../../src/db/pg-db.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDb } from '../support/test-db.js';
import { buildClaim, buildNevUnit, registerUnit } from '../e2e/fixtures.js';
import { TcpProxy } from './tcp-proxy.js';
import { claimLoad, listen, postClaim, sleep, timeUntil, type Answer } from './claim-load.js';

const DATABASE_URL = process.env.DATABASE_URL;

/** Every claim that got a 2xx is stored with its decision, and no stored claim lacks one. */
async function expectEveryAcceptedClaimStoredAndDecided(db: Db, answers: Answer[]) {
  const accepted = answers.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.claimNumber);
  const { rows } = await db.query<{ claim_number: string }>(
    'SELECT c.claim_number FROM claims c WHERE EXISTS (SELECT 1 FROM decisions d WHERE d.claim_id = c.id) AND c.claim_number = ANY($1::text[])',
    [accepted],
  );
  expect(new Set(rows.map((r) => r.claim_number))).toEqual(new Set(accepted));
  const orphans = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM claims c WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.claim_id = c.id)');
  expect(Number(orphans.rows[0]!.n)).toBe(0);
}

/** While the database is away a claim is answered 201 (made it in time) or 503 problem+json with Retry-After, never 500. */
function expectOnly201Or503(answers: Answer[]) {
  const statuses = new Set(answers.map((a) => a.status));
  expect([...statuses].filter((s) => s !== 201 && s !== 503), JSON.stringify(answers.filter((a) => a.status !== 201 && a.status !== 503).slice(0, 3))).toEqual([]);
  for (const a of answers.filter((x) => x.status === 503)) {
    expect(a.contentType).toMatch(/^application\/problem\+json/);
    expect(a.code).toBe('database-unavailable');
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
}

describe.runIf(DATABASE_URL)('PostgreSQL going away under load (through a TCP proxy the test owns)', () => {
  const applicationName = `warranty-faults-${randomBytes(4).toString('hex')}`;
  let proxy: TcpProxy;
  let t: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  let admin: Db;
  let vin: string;
  let upfitSerial: string;

  beforeAll(async () => {
    const target = new URL(DATABASE_URL!);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const db = await createTestDb({ url: proxy.url(DATABASE_URL!), applicationName, max: 8, connectionTimeoutMillis: 1_000, logger: pino({ level: 'silent' }) });
    t = await createTestApp({ db });
    const unit = await registerUnit(t, buildNevUnit());
    vin = unit.vin!;
    upfitSerial = unit.upfitSerial!;
    http = await listen(t.app);
    // The test's own connection straight to the server, to terminate only this service's backends.
    admin = createPgDb(DATABASE_URL!, { max: 1, applicationName: `${applicationName}-admin` });
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    proxy?.restore();
    await t?.close();
    await admin?.close();
    await proxy?.close();
  }, 120_000);

  const made = new Map<string, ReturnType<typeof buildClaim>>();
  const newClaim = () => {
    const claim = buildClaim({ vin, upfitSerial });
    made.set(claim.claimNumber, claim);
    return claim;
  };
  const status = async (path: string, auth?: { Authorization: string }) => {
    const res = await fetch(`${http.base}${path}`, { headers: auth ?? {} });
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') ?? '' };
  };

  it('answers 503 with Retry-After while the connection is cut, keeps /healthz 200, and is ready again within 5 s of its return', async () => {
    const load = claimLoad(http.base, t.auth.auditor, newClaim);
    await sleep(1_000);
    proxy.cut();
    await sleep(500);
    // Every endpoint that needs the database, and readiness, say "later"; liveness stays up.
    const ready = await status('/readyz');
    expect(ready.status).toBe(503);
    expect(Number(ready.retryAfter)).toBeGreaterThan(0);
    expect((await status('/healthz')).status).toBe(200);
    for (const path of ['/v1/claims', '/v1/units/NOPE', '/v1/reviews']) {
      const res = await status(path, t.auth.auditor);
      expect(res.status, path).toBe(503);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
    }
    await sleep(1_000);
    proxy.restore();
    const back = await timeUntil(async () => (await status('/readyz')).status === 200, 5_000);
    expect(back, 'ready again within 5 s of the database returning').not.toBeNull();
    await sleep(1_000);
    const answers = await load.stop();

    expectOnly201Or503(answers);
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expect(answers.slice(-4).every((a) => a.status === 201)).toBe(true);
    await expectEveryAcceptedClaimStoredAndDecided(t.db, answers);
  });

  it('survives its backends being terminated under load, and a claim retried after a 503 is stored once with its decision', async () => {
    const load = claimLoad(http.base, t.auth.auditor, newClaim);
    for (let round = 0; round < 4; round += 1) {
      await sleep(400);
      const killed = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [applicationName]);
      expect(killed.rowCount).toBeGreaterThan(0);
    }
    await sleep(1_000);
    const answers = await load.stop();
    expectOnly201Or503(answers);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(0);
    await expectEveryAcceptedClaimStoredAndDecided(t.db, answers);

    // A client retries what got 503: the claim is either decided now (201) or was stored after all (200, the same decision).
    expect(await timeUntil(async () => (await status('/readyz')).status === 200, 5_000)).not.toBeNull();
    const retried = answers.filter((a) => a.status === 503).map((a) => a.claimNumber);
    for (const claimNumber of retried) {
      const again = await postClaim(http.base, t.auth.auditor, made.get(claimNumber)!);
      expect([200, 201], claimNumber).toContain(again.status);
    }
    const stored = await t.db.query<{ claim_number: string; n: number }>(
      'SELECT c.claim_number, count(d.id)::int AS n FROM claims c JOIN decisions d ON d.claim_id = c.id WHERE c.claim_number = ANY($1::text[]) GROUP BY c.claim_number',
      [retried],
    );
    expect(stored.rows.length).toBe(retried.length);
    expect(stored.rows.every((r) => Number(r.n) === 1)).toBe(true);
  });
});

describe('a database that has gone (closed under the app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
  });

  it('answers 503 problem+json with Retry-After on every endpoint that needs it, /readyz 503, /healthz 200, and never 500', async () => {
    const { base, close } = await listen(t.app);
    try {
      const claim = buildClaim({ vin: 'LB9BL5180T0000001' });
      await t.db.close();
      const answer = await postClaim(base, t.auth.auditor, claim);
      expect(answer.status).toBe(503);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.code).toBe('database-unavailable');
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(Number(ready.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const list = await fetch(`${base}/v1/claims`, { headers: t.auth.auditor });
      expect(list.status).toBe(503);
      expect(list.headers.get('retry-after')).not.toBeNull();
    } finally {
      await close();
    }
  });
});
