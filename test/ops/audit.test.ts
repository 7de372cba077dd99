import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { AuditStore } from '../../src/audit/audit-store.js';
import { buildClaim, buildNevUnit, decide, expectProblem, registerUnit, submitClaim } from '../e2e/fixtures.js';

interface Entry { id: number; at: string; keyId: number | null; role: string | null; stationId: string | null; requestId: string; action: string; target: string; status: number }

describe(`the audit log of writes (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
  }, 120_000);
  afterAll(() => t?.close());

  const latest = async (): Promise<Entry[]> => (await request(t.app).get('/v1/audit?limit=500').set(t.auth.admin).expect(200)).body.items;

  it('records who submitted a claim (key id, role, station), through which request, what and when', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const res = await submitClaim(t, claim, t.auth.dealer).expect(201);
    const [entry] = await latest();
    const keys = (await request(t.app).get('/v1/keys').set(t.auth.admin).expect(200)).body.items as Array<{ id: number; label: string }>;
    expect(entry).toEqual({
      id: expect.any(Number), at: '2026-03-20T04:00:00.000Z', keyId: keys.find((k) => k.label === 'test dealer')!.id, role: 'dealer', stationId: 'S1',
      requestId: res.headers['x-request-id'], action: 'POST /v1/claims', target: res.headers.location, status: 201,
    });
  });

  it("commits a new claim's entry with the claim itself, and records a resubmission answered from the store as a write of its own", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claims = Array.from({ length: 12 }, () => buildClaim(unit));
    const answers = await Promise.all(claims.map((c) => submitClaim(t, c, t.auth.dealer)));
    expect(answers.map((a) => a.status)).toEqual(claims.map(() => 201));
    // The same transaction wrote each claim and its entry (one commit: a 201 means both are durable).
    const { rows } = await t.db.query<{ request_id: string; target: string; same: boolean }>(
      `SELECT a.request_id, a.target, a.xmin::text = c.xmin::text AS same
         FROM audit_log a JOIN claims c ON a.target = '/v1/claims/' || c.claim_number || '?stationId=' || c.station_id
        WHERE c.claim_number = ANY($1)`,
      [claims.map((c) => c.claimNumber)],
    );
    expect(rows.map((r) => r.request_id).sort()).toEqual(answers.map((a) => a.headers['x-request-id']).sort());
    expect(rows.every((r) => r.same)).toBe(true);

    const again = await submitClaim(t, claims[0]!, t.auth.dealer).expect(200);
    const [entry] = await latest();
    expect(entry).toMatchObject({ requestId: again.headers['x-request-id'], action: 'POST /v1/claims', target: answers[0]!.headers.location, status: 200, role: 'dealer' });
  });

  it('records a revoked key by its id, and records nothing for reads, pre-checks and rejected writes', async () => {
    const before = (await latest()).length;
    const unit = await registerUnit(t, buildNevUnit()); // unit + pre-authorisation: two writes
    await request(t.app).get('/v1/claims').set(t.auth.auditor).expect(200);
    await request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: unit.vin }, date: '2026-03-14', odometerKm: 1_000, components: [{ component: 'traction-battery' }] }).expect(200);
    await submitClaim(t, { ...buildClaim(unit), jobs: [] }).expect(400);
    await request(t.app).post('/v1/units').set(t.auth.dealer).send(buildNevUnit()).expect(403);
    const created = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor' }).expect(201);
    await request(t.app).delete(`/v1/keys/${created.body.id}`).set(t.auth.admin).expect(204);
    const entries = await latest();
    expect(entries.length - before).toBe(4);
    expect(entries.slice(0, 4).map((e) => [e.action, e.target, e.role])).toEqual([
      ['DELETE /v1/keys/:id', `/v1/keys/${created.body.id}`, 'admin'],
      ['POST /v1/keys', `/v1/keys/${created.body.id}`, 'admin'],
      ['POST /v1/preauthorisations', expect.stringContaining('/v1/preauthorisations'), 'auditor'],
      ['POST /v1/units', `/v1/units/${unit.unitId}`, 'auditor'],
    ]);
  });

  it('pages newest first with a cursor, every entry once', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    for (let i = 0; i < 3; i += 1) await decide(t, buildClaim(unit));
    const all = await latest();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Entry[]; nextCursor: string | null } } = await request(t.app).get(`/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set(t.auth.admin).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('records each of 30 concurrent writes once, answered only after its entry is in the log (group commit)', async () => {
    const before = (await latest()).length;
    const units = Array.from({ length: 30 }, () => buildNevUnit());
    const answers = await Promise.all(units.map((u) => request(t.app).post('/v1/units').set(t.auth.auditor).send(u)));
    expect(answers.map((a) => a.status)).toEqual(units.map(() => 201));
    const entries = await latest();
    expect(entries.length - before).toBe(30);
    const fresh = entries.slice(0, 30);
    expect(new Set(fresh.map((e) => e.requestId))).toEqual(new Set(answers.map((a) => a.headers['x-request-id'])));
    expect(new Set(fresh.map((e) => e.target))).toEqual(new Set(units.map((u) => `/v1/units/${u.unitId}`)));
    expect(fresh.every((e) => e.action === 'POST /v1/units' && e.role === 'auditor' && e.status === 201)).toBe(true);
  });

  it('writes 30 entries appended at once in two statements: the first alone, the 29 that came meanwhile together', async () => {
    let statements = 0;
    const store = new AuditStore({ query: (...args: Parameters<TestApp['db']['query']>) => ((statements += 1), t.db.query(...args)) } as TestApp['db']);
    const requestIds = Array.from({ length: 30 }, (_, i) => `group-commit-${i}`);
    await Promise.all(requestIds.map((requestId) => store.append({ at: new Date('2026-03-20T04:00:00Z'), keyId: null, role: 'admin', stationId: null, requestId, action: 'POST /v1/test', target: '/v1/test', status: 201 })));
    expect(statements).toBe(2);
    const { rows } = await t.db.query<{ request_id: string }>("SELECT request_id FROM audit_log WHERE request_id LIKE 'group-commit-%' ORDER BY id");
    expect(rows.map((r) => r.request_id)).toEqual(requestIds);
  });

  it('is for admins only, and answers a bad cursor with 400 on query.cursor', async () => {
    expectProblem(await request(t.app).get('/v1/audit').set(t.auth.auditor), 403, 'forbidden');
    const bad = await request(t.app).get('/v1/audit?cursor=99999999999999999999999').set(t.auth.admin);
    expectProblem(bad, 400, 'validation-failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.cursor']);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the audit log in the database', async () => {
    await expect(t.db.query("UPDATE audit_log SET role = 'admin'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await latest()).length).toBeGreaterThan(0);
  });
});
