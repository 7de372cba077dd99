import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { createLogger } from '../../src/server.js';
import { KEY_CACHE_MS } from '../../src/keys/key-store.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, expectProblem, registerUnit } from '../e2e/fixtures.js';
import { sleep } from './claim-load.js';

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const LIMIT = { limit: 5, windowMs: 60_000 };

describe(`failed authentication is rate-limited per client address (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ authRateLimit: LIMIT });
  }, 120_000);
  afterAll(() => t?.close());

  it('answers the 6th wrong key in a minute with 429 problem+json, Retry-After and the standard RateLimit headers; then even a valid key until the window ends', async () => {
    // The valid key is used first, so its principal and the address's clean count are remembered: the block must still win.
    await request(t.app).get('/v1/claims').set(t.auth.auditor).expect(200);
    for (let i = 0; i < LIMIT.limit; i += 1) expectProblem(await request(t.app).get('/v1/claims').set(bearer(`wk_guess-${i}`)), 401, 'unauthorised');
    const limited = await request(t.app).get('/v1/claims').set(bearer('wk_guess-6'));
    expectProblem(limited, 429, 'too-many-failed-authentications');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers.ratelimit).toMatch(/^"failed-auth"; r=0; t=\d+$/);
    expect(limited.headers['ratelimit-policy']).toMatch(/^"failed-auth"; q=5; w=60/);
    // A valid key from the same address learns nothing either: 429, not 200.
    expectProblem(await request(t.app).get('/v1/claims').set(t.auth.auditor), 429, 'too-many-failed-authentications');
    expectProblem(await request(t.app).get('/v1/claims'), 429, 'too-many-failed-authentications');
  });
});

describe.runIf(process.env.DATABASE_URL)('instances sharing PostgreSQL count failed authentications together', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ authRateLimit: LIMIT });
  }, 120_000);
  afterAll(() => t?.close());

  it('limits an address that spreads its guesses over two instances', async () => {
    const second = createApp({ db: t.db, rules: t.rules, clock: () => new Date('2026-03-20T04:00:00Z'), logger: pino({ level: 'silent' }), authRateLimit: LIMIT });
    for (let i = 0; i < 3; i += 1) expectProblem(await request(t.app).get('/v1/claims').set(bearer(`wk_a-${i}`)), 401, 'unauthorised');
    for (let i = 0; i < 2; i += 1) expectProblem(await request(second).get('/v1/claims').set(bearer(`wk_b-${i}`)), 401, 'unauthorised');
    expectProblem(await request(second).get('/v1/claims').set(bearer('wk_b-3')), 429, 'too-many-failed-authentications');
    expectProblem(await request(t.app).get('/v1/claims').set(bearer('wk_a-4')), 429, 'too-many-failed-authentications');
  });
});

describe(`key expiry, rotation and revocation (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
  }, 120_000);
  afterAll(() => t?.close());

  const createKey = async (body: Record<string, unknown>) => {
    const res = await request(t.app).post('/v1/keys').set(t.auth.admin).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; key: string; expiresAt: string | null };
  };

  it('lets a key with expiresAt work until that instant and answers 401 after it, listing it as expired', async () => {
    t.setNow('2026-03-20T04:00:00Z');
    const key = await createKey({ role: 'auditor', label: 'temp', expiresAt: '2026-03-21T00:00:00Z' });
    expect(key.expiresAt).toBe('2026-03-21T00:00:00.000Z');
    await request(t.app).get('/v1/claims').set(bearer(key.key)).expect(200);
    t.setNow('2026-03-21T00:00:01Z');
    expectProblem(await request(t.app).get('/v1/claims').set(bearer(key.key)), 401, 'unauthorised');
    const listed = (await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200)).body.items.find((k: { id: number }) => k.id === key.id);
    expect(listed).toMatchObject({ expired: true, revoked: false, expiresAt: '2026-03-21T00:00:00.000Z' });
    t.setNow('2026-03-20T04:00:00Z');
  });

  it('refuses a key that would expire in the past with 400 on expiresAt', async () => {
    const res = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor', expiresAt: '2026-03-01T00:00:00Z' });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['expiresAt']);
  });

  it('rotates a key: the new key has the same role and station, the old one works for the overlap and then stops', async () => {
    t.setNow('2026-03-20T04:00:00Z');
    const old = await createKey({ role: 'dealer', stationId: 'S7', label: 'S7 system' });
    const rotated = await request(t.app).post(`/v1/keys/${old.id}/rotation`).set(t.auth.admin).send({ overlapSeconds: 3_600 });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(201);
    expect(rotated.body).toMatchObject({ role: 'dealer', stationId: 'S7', label: 'S7 system', replaces: old.id, key: expect.stringMatching(/^wk_/) });
    await request(t.app).get('/v1/claims').set(bearer(old.key)).expect(200);
    await request(t.app).get('/v1/claims').set(bearer(rotated.body.key)).expect(200);
    t.setNow('2026-03-20T05:00:01Z');
    expectProblem(await request(t.app).get('/v1/claims').set(bearer(old.key)), 401, 'unauthorised');
    await request(t.app).get('/v1/claims').set(bearer(rotated.body.key)).expect(200);
    expectProblem(await request(t.app).post(`/v1/keys/${old.id}/rotation`).set(t.auth.admin).send({}), 404, 'not-found');
    t.setNow('2026-03-20T04:00:00Z');
  });

  it('makes a revocation on one instance effective on another within 1 s (no negative or long cache)', async () => {
    const key = await createKey({ role: 'auditor' });
    const other = createApp({ db: t.db, rules: t.rules, clock: () => new Date('2026-03-20T04:00:00Z'), logger: pino({ level: 'silent' }) });
    await request(other).get('/v1/claims').set(bearer(key.key)).expect(200); // now cached on the other instance
    await request(t.app).delete(`/v1/keys/${key.id}`).set(t.auth.admin).expect(204);
    await sleep(KEY_CACHE_MS + 100);
    expect(KEY_CACHE_MS + 100).toBeLessThanOrEqual(1_000);
    expectProblem(await request(other).get('/v1/claims').set(bearer(key.key)), 401, 'unauthorised');
  });

  it('shows no part of a key in its listing (a fingerprint of its hash instead)', async () => {
    const key = await createKey({ role: 'auditor' });
    const listed = (await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200)).body;
    const item = listed.items.find((k: { id: number }) => k.id === key.id);
    for (let i = 0; i + 6 <= key.key.length; i += 1) expect(JSON.stringify(listed)).not.toContain(key.key.slice(i, i + 6));
    expect(item.fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe(`a dealer sees only units it sold or claimed on (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('shows a unit the dealer sold, answers 404 for a unit it neither sold nor claimed on, and shows it once it has claimed on it', async () => {
    const sold = await registerUnit(t, buildNevUnit({ dealerId: 'S1' }));
    await request(t.app).get(`/v1/units/${sold.unitId}`).set(t.auth.dealer).expect(200);
    const stranger = await registerUnit(t, buildNevUnit({ dealerId: 'D-OTHER' }));
    expectProblem(await request(t.app).get(`/v1/units/${stranger.unitId}`).set(t.auth.dealer), 404, 'not-found');
    await request(t.app).get(`/v1/units/${stranger.unitId}`).set(t.auth.auditor).expect(200);
    await decide(t, buildClaim(stranger), t.auth.dealer);
    const seen = await request(t.app).get(`/v1/units/${stranger.unitId}`).set(t.auth.dealer).expect(200);
    expect(seen.body.claims).toHaveLength(1);
    expectProblem(await request(t.app).get(`/v1/units/${stranger.unitId}`).set(t.auth.dealerS2), 404, 'not-found');
  });
});

describe(`the access log (${databaseKind})`, () => {
  it('records the request id, key id and role of each request, never the key or a cookie', async () => {
    const t = await createTestApp();
    try {
      const lines: string[] = [];
      const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
      const app = createApp({ db: t.db, rules: t.rules, clock: () => new Date('2026-03-20T04:00:00Z'), logger: createLogger({ logLevel: 'info' }, sink) });
      const res = await request(app).get('/v1/claims').set(t.auth.auditor).set('Cookie', 'other-site=cookie-secret-42').expect(200);
      const completed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request completed');
      expect(completed).toMatchObject({ keyId: expect.any(Number), role: 'auditor', req: { id: res.headers['x-request-id'], method: 'GET', url: '/v1/claims' }, res: { statusCode: 200 } });
      expect(lines.join('\n')).not.toContain(t.auth.auditor.Authorization.slice('Bearer '.length));
      expect(lines.join('\n')).not.toContain('cookie-secret-42');
    } finally {
      await t.close();
    }
  });
});
