import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`service readiness (${databaseKind})`, () => {
  it('reports ready with the loaded rule sets and the database kind', async () => {
    const res = await request(t.app).get('/readyz').expect(200);
    expect(res.body.database).toBe(databaseKind);
    expect(res.body.ruleSets.map((r: { id: string }) => r.id).sort()).toEqual(['e-bike', 'nev-special-vehicle', 'weighing-equipment']);
  });
});
