import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, registerUnit } from './fixtures.js';

const CONSOLE = 'https://console.example.com';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ corsOrigins: [CONSOLE] });
});
afterAll(() => t.close());

describe(`CORS: an allow-list of browser origins (${databaseKind})`, () => {
  it('answers a preflight from an allowed origin with 204 and its headers, without a key', async () => {
    const res = await request(t.app).options('/v1/claims').set('Origin', CONSOLE).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
  });

  it('gives another origin no CORS headers (and still no 401 for its preflight)', async () => {
    const res = await request(t.app).options('/v1/claims').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(t.app).get('/v1/claims').set('Origin', 'https://evil.example').set(t.auth.auditor).expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows no origin at all by default', async () => {
    const bare = await createTestApp();
    try {
      const res = await request(bare.app).options('/v1/claims').set('Origin', CONSOLE).set('Access-Control-Request-Method', 'GET');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await bare.close();
    }
  });

  it('exposes the request id and ETag to an allowed origin', async () => {
    const res = await request(t.app).get('/v1/claims').set('Origin', CONSOLE).set(t.auth.auditor).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(res.headers['access-control-expose-headers']).toMatch(/x-request-id/);
  });
});

describe(`caching (${databaseKind})`, () => {
  it('marks every authenticated answer, and the 401 too, Cache-Control: no-store; public ones not', async () => {
    expect((await request(t.app).get('/v1/claims').set(t.auth.auditor).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await request(t.app).get('/v1/claims').expect(401)).headers['cache-control']).toBe('no-store');
    expect((await request(t.app).get('/healthz').expect(200)).headers['cache-control']).toBeUndefined();
  });

  it('gives a claim read an ETag, 304 for If-None-Match while nothing changed, and a new ETag after a new decision version', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const noPhotos = buildClaim(unit, { failureDate: '2026-03-01', repairDate: '2026-03-02', evidence: { photos: 0 } });
    const decided = (await request(t.app).post('/v1/claims').set(t.auth.auditor).send(noPhotos).expect(201)).body;
    const url = `/v1/claims/${decided.claimNumber}`;
    const first = await request(t.app).get(url).set(t.auth.auditor).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    const again = await request(t.app).get(url).set(t.auth.auditor).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const line = decided.jobs[0].lines[0];
    const reviewed = await request(t.app).post(`${url}/reviews`).set(t.auth.auditor).send({ note: 'photos received by mail', lines: [{ lineId: line.lineId, action: 'approve', amountFen: line.claimedFen }] });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);
    const changed = await request(t.app).get(url).set(t.auth.auditor).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.decisionVersion).toBe(2);
  });
});

describe(`accuracy as CSV (${databaseKind})`, () => {
  it('answers ?format=csv with a CSV of the overall and electrical shares, the same numbers as the JSON', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim(unit, { stationId: 'S7' })).expect(201);
    const query = '/v1/stations/S7/accuracy?from=2026-01-01&to=2026-12-31';
    const json = (await request(t.app).get(query).set(t.auth.auditor).expect(200)).body;
    const csv = await request(t.app).get(`${query}&format=csv`).set(t.auth.auditor).expect(200).expect('Content-Type', /text\/csv/);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.scope)).toEqual(['overall', 'electrical']);
    expect(Number(rows[0]!.decided)).toBe(json.overall.decided);
    expect(Number(rows[0]!.approved)).toBe(json.overall.approved);
    expect(Number(rows[0]!.pct)).toBe(json.overall.pct);
    expect(json.overall.decided).toBeGreaterThan(0);
  });
});

describe(`cursor pages (${databaseKind})`, () => {
  /** Every item of a list, page by page through nextCursor; the number of pages too. */
  async function walk(url: string, auth: { Authorization: string }): Promise<{ items: Array<Record<string, unknown>>; pages: number }> {
    const items: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await request(t.app).get(`${url}${url.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set(auth).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    return { items, pages };
  }

  it('pages a unit\'s pre-authorisations oldest first, each once, the last page with nextCursor null', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    for (const number of ['MFR-P1', 'MFR-P2', 'MFR-P3', 'MFR-P4', 'MFR-P5']) {
      await request(t.app).post('/v1/preauthorisations').set(t.auth.auditor).send({ number: `${number}-${unit.unitId}`, unitId: unit.unitId, component: 'traction-battery', amountLimitFen: 100, validFrom: '2026-03-01', validTo: '2026-03-31' }).expect(201);
    }
    const whole = (await request(t.app).get(`/v1/preauthorisations?unitId=${unit.unitId}`).set(t.auth.auditor).expect(200)).body;
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((p: { number: string }) => p.number)).toEqual(expect.arrayContaining(['MFR-P1', 'MFR-P5'].map((n) => `${n}-${unit.unitId}`)));
    const paged = await walk(`/v1/preauthorisations?unitId=${unit.unitId}`, t.auth.auditor);
    expect(paged.pages).toBe(Math.ceil(whole.items.length / 2));
    expect(paged.items.map((p) => p.number)).toEqual(whole.items.map((p: { number: string }) => p.number));
  });

  it('pages the API keys in id order, each once', async () => {
    for (let i = 0; i < 3; i++) await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor', label: `paging ${i}` }).expect(201);
    const whole = (await request(t.app).get('/v1/keys?limit=500').set(t.auth.admin).expect(200)).body.items as Array<{ id: number }>;
    expect(whole.length).toBeGreaterThanOrEqual(8);
    const paged = await walk('/v1/keys', t.auth.admin);
    expect(paged.items.map((k) => k.id)).toEqual(whole.map((k) => k.id));
    expect(paged.pages).toBe(Math.ceil(whole.length / 2));
  });

  it('pages the rule set and policy versions, each once, in the order of the whole list', async () => {
    const whole = (await request(t.app).get('/v1/rulesets').set(t.auth.policyOwner).expect(200)).body;
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.length).toBeGreaterThanOrEqual(4);
    const paged = await walk('/v1/rulesets', t.auth.policyOwner);
    expect(paged.items).toEqual(whole.items);
  });

  it('rejects a limit out of range and a cursor that is not one, with the query path', async () => {
    const res = await request(t.app).get('/v1/keys?limit=0&cursor=abc').set(t.auth.admin).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.cursor', 'query.limit']);
    const missing = await request(t.app).get('/v1/preauthorisations').set(t.auth.auditor).expect(400);
    expect(missing.body.errors).toEqual([{ path: 'query.unitId', message: 'name the unit: ?unitId=' }]);
  });
});
