import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, lampJob, registerUnit } from './fixtures.js';

// A generated client reads the 422 members from the Problem component: every member the service
// sends on an unknown value or an out-of-bounds number is documented there.

let t: TestApp;
let problem: { properties: Record<string, unknown> };
let errorItem: { properties: Record<string, unknown> };
let vin: string;

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await request(t.app).get('/openapi.json').expect(200)).body;
  problem = doc.components.schemas.Problem;
  errorItem = (problem.properties.errors as { items: { properties: Record<string, unknown> } }).items;
  vin = (await registerUnit(t, buildNevUnit())).vin!;
});
afterAll(() => t?.close());

const undocumented = (body: Record<string, unknown>) => ({
  members: Object.keys(body).filter((k) => !(k in problem.properties)),
  errorMembers: ((body.errors ?? []) as Array<Record<string, unknown>>).flatMap((e) => Object.keys(e)).filter((k) => !(k in errorItem.properties)),
});

describe(`the Problem schema documents the 422 members (${databaseKind})`, () => {
  it('lists value, suggestion, allowed, validValues and max per field, and productLine, vocabulary and problems', () => {
    expect(Object.keys(errorItem.properties)).toEqual(expect.arrayContaining(['path', 'message', 'value', 'suggestion', 'allowed', 'validValues', 'max']));
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'detail', 'errors', 'productLine', 'vocabulary', 'problems']));
  });

  it('documents every member of an unknown-vocabulary 422', async () => {
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim({ vin }, { jobs: [lampJob({ failureMode: 'open-circuitt' })] }));

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'unknown-vocabulary', errors: [expect.objectContaining({ path: 'jobs.0.failureMode', value: 'open-circuitt', suggestion: 'open-circuit' })] });
    expect(undocumented(res.body)).toEqual({ members: [], errorMembers: [] });
  });

  it('documents every member of a number-out-of-bounds 422', async () => {
    const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(buildClaim({ vin }, { odometerKm: 3_000_000_000, jobs: [lampJob()] }));

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'number-out-of-bounds', errors: [expect.objectContaining({ path: 'odometerKm', value: 3_000_000_000, max: 10_000_000 })] });
    expect(undocumented(res.body)).toEqual({ members: [], errorMembers: [] });
  });
});
