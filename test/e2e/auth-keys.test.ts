import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, errorPaths, expectProblem, registerUnit, rowCounts } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function createKey(body: Record<string, unknown>): Promise<{ id: number; key: string; role: string; stationId: string | null }> {
  const res = await request(t.app).post('/v1/keys').set(t.auth.admin).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe(`API keys authenticate every /v1 request (${databaseKind})`, () => {
  it.each([
    ['GET', '/v1/claims'],
    ['GET', '/v1/units/NEV-0042'],
    ['POST', '/v1/claims'],
    ['POST', '/v1/eligibility'],
    ['POST', '/v1/keys'],
  ])('answers %s %s without a key with 401 and a Bearer challenge', async (method, path) => {
    const res = await request(t.app)[method === 'GET' ? 'get' : 'post'](path);
    expectProblem(res, 401, 'unauthorised');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body.detail).toContain('Authorization: Bearer');
  });

  it('answers a key that is not a Bearer token with 401', async () => {
    expectProblem(await request(t.app).get('/v1/claims').set('Authorization', 'Basic dXNlcjpwYXNz'), 401, 'unauthorised');
  });

  it('answers an unknown key with 401', async () => {
    const res = await request(t.app).get('/v1/claims').set(bearer('wk_this-key-was-never-issued'));
    expectProblem(res, 401, 'unauthorised');
    expect(res.body.detail).toMatch(/unknown or revoked/);
  });
});

describe(`roles decide what a key may do (${databaseKind})`, () => {
  it('refuses a dealer registering units with 403, naming the role it needs', async () => {
    const res = await request(t.app).post('/v1/units').set(t.auth.dealer).send(buildNevUnit());
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toContain('auditor');
    expect(res.body.detail).toContain('dealer');
  });

  it('refuses an auditor creating or listing keys with 403', async () => {
    expectProblem(await request(t.app).post('/v1/keys').set(t.auth.auditor).send({ role: 'auditor' }), 403, 'forbidden');
    expectProblem(await request(t.app).get('/v1/keys').set(t.auth.auditor), 403, 'forbidden');
  });

  it('refuses a dealer creating a key with 403, storing nothing', async () => {
    const before = await rowCounts(t.db);
    expectProblem(await request(t.app).post('/v1/keys').set(t.auth.dealer).send({ role: 'admin' }), 403, 'forbidden');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a policy owner claims and units with 403', async () => {
    expectProblem(await request(t.app).get('/v1/claims').set(t.auth.policyOwner), 403, 'forbidden');
    expectProblem(await request(t.app).post('/v1/units').set(t.auth.policyOwner).send(buildNevUnit()), 403, 'forbidden');
  });

  it('lets an admin do what an auditor does', async () => {
    await request(t.app).post('/v1/units').set(t.auth.admin).send(buildNevUnit()).expect(201);
    await request(t.app).get('/v1/claims').set(t.auth.admin).expect(200);
  });
});

describe(`POST /v1/keys and DELETE /v1/keys/{id} (${databaseKind})`, () => {
  it('creates a dealer key shown once that then files claims for its station', async () => {
    const created = await createKey({ role: 'dealer', stationId: 'S3', label: 'S3 dealer system' });
    expect(created).toMatchObject({ id: expect.any(Number), key: expect.stringMatching(/^wk_/), role: 'dealer', stationId: 'S3' });
    const unit = await registerUnit(t, buildNevUnit());
    const res = await request(t.app).post('/v1/claims').set(bearer(created.key)).send(buildClaim(unit, { stationId: 'S3' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.stationId).toBe('S3');
    expectProblem(await request(t.app).post('/v1/claims').set(bearer(created.key)).send(buildClaim(unit, { stationId: 'S1' })), 403, 'forbidden');
  });

  it('lists keys by fingerprint and role, never the key itself nor a piece of it', async () => {
    const created = await createKey({ role: 'auditor', label: 'settlement office' });
    const res = await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200);
    const listed = res.body.items.find((k: { id: number }) => k.id === created.id);
    expect(listed).toMatchObject({ fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/), role: 'auditor', label: 'settlement office', revoked: false });
    expect(created.key).not.toContain(listed.fingerprint);
    expect(JSON.stringify(res.body)).not.toContain(created.key);
  });

  it('refuses a dealer key without a station with 400 on stationId, and an unknown role on role', async () => {
    const before = await rowCounts(t.db);
    const noStation = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'dealer' });
    expectProblem(noStation, 400, 'validation-failed');
    expect(errorPaths(noStation)).toEqual(['stationId']);
    const badRole = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'superuser' });
    expect(errorPaths(badRole)).toEqual(['role']);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('revokes a key: it then gets 401, and revoking it again is 404', async () => {
    const created = await createKey({ role: 'auditor' });
    await request(t.app).get('/v1/claims').set(bearer(created.key)).expect(200);
    await request(t.app).delete(`/v1/keys/${created.id}`).set(t.auth.admin).expect(204);
    const res = await request(t.app).get('/v1/claims').set(bearer(created.key));
    expectProblem(res, 401, 'unauthorised');
    expectProblem(await request(t.app).delete(`/v1/keys/${created.id}`).set(t.auth.admin), 404, 'not-found');
    const listed = (await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200)).body.items.find((k: { id: number }) => k.id === created.id);
    expect(listed.revoked).toBe(true);
  });

  it('answers 404 for revoking a key id that does not exist or is not a number', async () => {
    expectProblem(await request(t.app).delete('/v1/keys/999999').set(t.auth.admin), 404, 'not-found');
    expectProblem(await request(t.app).delete('/v1/keys/abc').set(t.auth.admin), 404, 'not-found');
  });
});
