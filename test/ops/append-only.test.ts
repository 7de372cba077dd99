import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { createPgDb } from '../../src/db/pg-db.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestSchema, databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, lampJob, registerUnit } from '../e2e/fixtures.js';

const DATABASE_URL = process.env.DATABASE_URL;

describe(`claims and decisions are append-only in the database itself (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const unit = await registerUnit(t, buildNevUnit());
    await decide(t, buildClaim(unit));
  }, 120_000);
  afterAll(() => t?.close());

  it.each([
    ["UPDATE claims SET body_text = '{}'", /claims is append-only/],
    ['DELETE FROM claims', /append-only/],
    ['TRUNCATE claims CASCADE', /append-only/],
    ["UPDATE decisions SET status = 'approved'", /append-only/],
    ['DELETE FROM decisions', /append-only/],
    ['TRUNCATE decisions', /append-only/],
  ])('refuses %s even to the owner', async (sql, message) => {
    await expect(t.db.query(sql)).rejects.toThrow(message);
    const { rows } = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM claims) + (SELECT count(*) FROM decisions) AS n');
    expect(Number(rows[0]!.n)).toBe(2);
  });
});

describe.runIf(DATABASE_URL)('the service as the restricted role warranty_app (migrations by the owner)', () => {
  const login = `warranty_svc_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let owner: Db;
  let schema: { schema: string; drop: () => Promise<void> };
  let service: Db;
  let t: TestApp;

  beforeAll(async () => {
    schema = await createTestSchema(DATABASE_URL!);
    owner = createPgDb(DATABASE_URL!, { max: 1, schema: schema.schema });
    await owner.exec(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE warranty_app`);
    const url = new URL(DATABASE_URL!);
    url.username = login;
    url.password = password;
    url.searchParams.set('options', `-c search_path=${schema.schema}`);
    // As the service starts: migrations with the owner's URL (nothing left to do), queries as the login role.
    service = await openDatabase({ databaseUrl: url.toString(), migrationDatabaseUrl: DATABASE_URL!, dataDir: '/nonexistent' });
    t = await createTestApp({ db: service });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await schema?.drop();
    await owner?.exec(`DROP ROLE IF EXISTS ${login}`).catch(() => undefined);
    await owner?.close();
  }, 60_000);

  it('runs the service: claims, corrections, appeals, key rotation and the audit log all work as warranty_app', async () => {
    const who = await service.query<{ u: string }>('SELECT current_user AS u');
    expect(who.rows[0]!.u).toBe(login);
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit, { jobs: [lampJob({ cause: 'misuse' })] });
    await decide(t, claim);
    const corrected = await request(t.app).post(`/v1/claims/${claim.claimNumber}/corrections`).set(t.auth.auditor).send({ ...claim, jobs: [lampJob()] });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    const denied = buildClaim(unit, { jobs: [lampJob({ cause: 'misuse' })] });
    await decide(t, denied);
    const appeal = await request(t.app).post(`/v1/claims/${denied.claimNumber}/appeals`).set(t.auth.dealer).send({ reason: 'the lamp failed without misuse' });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    const key = await request(t.app).post('/v1/keys').set(t.auth.admin).send({ role: 'auditor' }).expect(201);
    await request(t.app).post(`/v1/keys/${key.body.id}/rotation`).set(t.auth.admin).send({ overlapSeconds: 60 }).expect(201);
    await request(t.app).delete(`/v1/keys/${key.body.id}`).set(t.auth.admin).expect(204);
    const audit = await request(t.app).get('/v1/audit').set(t.auth.admin).expect(200);
    expect(audit.body.items.length).toBeGreaterThanOrEqual(7);
  });

  it.each(['UPDATE claims SET body_text = body_text', 'DELETE FROM decisions', 'TRUNCATE claims CASCADE', 'TRUNCATE decisions', 'DELETE FROM audit_log', 'UPDATE audit_log SET role = NULL'])(
    'may not %s (permission denied, before any trigger)',
    async (sql) => {
      await expect(service.query(sql)).rejects.toThrow(/permission denied/);
    },
  );

  it('may not run migrations or create tables', async () => {
    await expect(service.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    await expect(service.query("INSERT INTO schema_migrations (version) VALUES ('999_x.sql')")).rejects.toThrow(/permission denied/);
  });
});
