import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../e2e/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

const keyOf = (auth: { Authorization: string }) => auth.Authorization.replace(/^Bearer /, '');
const cookieOf = (res: request.Response) => String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;

async function signIn(auth: { Authorization: string } = t.auth.auditor) {
  const res = await request(t.app).post('/v1/console/sessions').send({ key: keyOf(auth) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { cookie: cookieOf(res), csrf: res.body.csrfToken as string, res };
}

describe('console sessions', () => {
  it('exchanges a key for an HttpOnly, SameSite=Strict cookie with an expiry, and stores only a hash of its token', async () => {
    const { res, cookie } = await signIn();
    const setCookie = String([res.headers['set-cookie']].flat()[0]);
    expect(setCookie).toMatch(/^warranty_session=[A-Za-z0-9_-]{40,}; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/i);
    expect(setCookie).not.toMatch(/Secure/);
    expect(res.body).toEqual({ role: 'auditor', stationId: null, label: 'test auditor', csrfToken: expect.any(String), expiresAt: '2026-03-20T12:00:00.000Z' });
    const token = cookie.split('=')[1]!;
    const { rows } = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM console_sessions');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('marks the cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const app = (await import('../../src/app/create-app.js')).createApp;
    const { pino } = await import('pino');
    const proxied = app({ db: t.db, rules: t.rules, clock: () => new Date('2026-03-20T04:00:00Z'), logger: pino({ level: 'silent' }), trustProxy: true });
    const res = await request(proxied).post('/v1/console/sessions').set('X-Forwarded-Proto', 'https').send({ key: keyOf(t.auth.auditor) }).expect(201);
    expect(String([res.headers['set-cookie']].flat()[0])).toMatch(/; Secure/);
  });

  it('says who the session is, and lets the cookie read what the role may read', async () => {
    const { cookie, csrf } = await signIn(t.auth.dealer);
    const who = await request(t.app).get('/v1/console/sessions/current').set('Cookie', cookie).expect(200);
    expect(who.body).toMatchObject({ role: 'dealer', stationId: 'S1', csrfToken: csrf });
    await request(t.app).get('/v1/claims').set('Cookie', cookie).expect(200);
    expectProblem(await request(t.app).get('/v1/reviews').set('Cookie', cookie), 403, 'forbidden');
  });

  it('refuses a write with the cookie but without the matching X-CSRF-Token (403 problem+json), and takes it with', async () => {
    const { cookie, csrf } = await signIn();
    const body = { unitId: 'NO-SUCH-UNIT', component: 'traction-battery', amountLimitFen: 100, validFrom: '2026-03-14', validTo: '2026-03-15' };
    const without = await request(t.app).post('/v1/preauthorisations').set('Cookie', cookie).send(body);
    expectProblem(without, 403, 'csrf-token-mismatch');
    expect(without.headers['content-type']).toMatch(/application\/problem\+json/);
    expectProblem(await request(t.app).post('/v1/preauthorisations').set('Cookie', cookie).set('X-CSRF-Token', 'wrong').send(body), 403, 'csrf-token-mismatch');
    expectProblem(await request(t.app).post('/v1/preauthorisations').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(body), 404, 'not-found');
  });

  it('refuses a wrong key with 401 and no cookie', async () => {
    const res = await request(t.app).post('/v1/console/sessions').send({ key: 'wk_not-a-key' });
    expectProblem(res, 401, 'unauthorised');
    expect(res.headers['set-cookie']).toBeUndefined();
    expectProblem(await request(t.app).post('/v1/console/sessions').send({ key: 'x', extra: 1 }), 400, 'validation-failed');
  });

  it('signs out: the cookie is cleared and no longer works', async () => {
    const { cookie, csrf } = await signIn();
    expectProblem(await request(t.app).delete('/v1/console/sessions/current').set('Cookie', cookie), 403, 'csrf-token-mismatch');
    const out = await request(t.app).delete('/v1/console/sessions/current').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    expect(String([out.headers['set-cookie']].flat()[0])).toMatch(/^warranty_session=;.*Expires=Thu, 01 Jan 1970/);
    expectProblem(await request(t.app).get('/v1/console/sessions/current').set('Cookie', cookie), 401, 'unauthorised');
    expectProblem(await request(t.app).get('/v1/claims').set('Cookie', cookie), 401, 'unauthorised');
  });

  it('ends at its expiry (a moved clock), and when its key is revoked', async () => {
    const { cookie } = await signIn();
    t.setNow('2026-03-20T11:59:00Z');
    await request(t.app).get('/v1/console/sessions/current').set('Cookie', cookie).expect(200);
    t.setNow('2026-03-20T12:00:01Z');
    expectProblem(await request(t.app).get('/v1/console/sessions/current').set('Cookie', cookie), 401, 'unauthorised');
    t.setNow('2026-03-20T04:00:00Z');

    const created = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor', label: 'to revoke' }).expect(201);
    const other = await signIn({ Authorization: `Bearer ${created.body.key}` });
    await request(t.app).get('/v1/claims').set('Cookie', other.cookie).expect(200);
    await request(t.app).delete(`/v1/keys/${created.body.id}`).set(t.auth.admin).expect(204);
    expectProblem(await request(t.app).get('/v1/claims').set('Cookie', other.cookie), 401, 'unauthorised');
  });
});
