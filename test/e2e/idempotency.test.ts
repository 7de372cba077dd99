import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, expectProblem, registerUnit, rowCounts, submitClaim } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function rowsOf(claimNumber: string): Promise<{ claims: number; decisions: number }> {
  const { rows } = await t.db.query<{ claims: number; decisions: number }>(
    `SELECT count(DISTINCT c.id)::int AS claims, count(d.id)::int AS decisions
       FROM claims c LEFT JOIN decisions d ON d.claim_id = c.id
      WHERE c.claim_number = $1`,
    [claimNumber],
  );
  return { claims: Number(rows[0]!.claims), decisions: Number(rows[0]!.decisions) };
}

describe(`a claim number is decided once (${databaseKind})`, () => {
  it('answers the identical body again with 200 and the stored decision and version', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const first = await submitClaim(t, claim, t.auth.dealer).expect(201);
    const before = await rowCounts(t.db);
    const again = await submitClaim(t, claim, t.auth.dealer).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.decisionVersion).toBe(1);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('treats the same body with its fields in another order as the same submission', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const first = await decide(t, claim);
    const reordered = Object.fromEntries(Object.entries(claim).reverse());
    const again = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(reordered).expect(200);
    expect(again.body.status).toBe(first.status);
    expect(await rowsOf(claim.claimNumber)).toEqual({ claims: 1, decisions: 1 });
  });

  it('refuses a different body under the same number with 409 that says how to file a correction, changing nothing', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const first = await decide(t, claim);
    const before = await rowCounts(t.db);
    const res = await submitClaim(t, { ...claim, odometerKm: 151_000 });
    expectProblem(res, 409, 'claim-number-taken');
    expect(res.body.detail).toMatch(/correction/);
    expect(res.body.detail).toContain(`/v1/claims/${claim.claimNumber}/corrections`);
    expect(res.body).toMatchObject({ claimNumber: claim.claimNumber, stationId: 'S1' });
    expect(await rowCounts(t.db)).toEqual(before);
    const stored = await request(t.app).get(`/v1/claims/${claim.claimNumber}`).set(t.auth.auditor).expect(200);
    expect(stored.body).toMatchObject({ status: first.status, totals: first.totals, versions: [expect.objectContaining({ version: 1 })] });
  });

  it("decides the changed body as a correction where the 409 says to file it, keeping the first decision as version 1", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const wrongSerial = buildClaim({ ...unit, upfitSerial: 'QZ-TYPO' });
    expect((await decide(t, wrongSerial)).status).toBe('denied');
    const corrected = { ...wrongSerial, unit: { vin: unit.vin, upfitSerial: unit.upfitSerial } };
    const refused = await submitClaim(t, corrected);
    expectProblem(refused, 409, 'claim-number-taken');
    const where = /POST (\/v1\/claims\/\S+\/corrections)/.exec(refused.body.detail)?.[1];
    expect(where).toBe(`/v1/claims/${wrongSerial.claimNumber}/corrections`);
    const res = await request(t.app).post(where!).set(t.auth.auditor).send(corrected);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', decisionVersion: 2 });
    const stored = await request(t.app).get(`/v1/claims/${wrongSerial.claimNumber}`).set(t.auth.auditor).expect(200);
    expect(stored.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'denied'], [2, 'approved']]);
  });

  it('decides the same number filed by another station as a claim of its own', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit, { failureDate: '2026-03-01', repairDate: '2026-03-02' });
    await decide(t, claim);
    const other = await decide(t, { ...claim, stationId: 'S2', failureDate: '2026-03-10', repairDate: '2026-03-11' }, t.auth.dealerS2);
    expect(other.stationId).toBe('S2');
    expect(await rowsOf(claim.claimNumber)).toEqual({ claims: 2, decisions: 2 });
  });

  it('decides 20 concurrent identical submissions once: one 201, nineteen 200, one claim row, one decision row', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(t.app).post('/v1/claims').set(t.auth.dealer).send(claim)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(19).fill(200), 201]);
    const created = responses.find((r) => r.status === 201)!;
    for (const res of responses) expect(res.body).toEqual(created.body);
    expect(await rowsOf(claim.claimNumber)).toEqual({ claims: 1, decisions: 1 });
  });

  it('decides 10 concurrent different bodies under one number once: one 201, nine 409', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => request(t.app).post('/v1/claims').set(t.auth.auditor).send({ ...claim, odometerKm: 150_000 + i })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const res of responses.filter((r) => r.status === 409)) expect(res.body.code).toBe('claim-number-taken');
    expect(await rowsOf(claim.claimNumber)).toEqual({ claims: 1, decisions: 1 });
  });
});

describe(`decisions are append-only (${databaseKind})`, () => {
  it('refuses an UPDATE of a stored decision', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claim = buildClaim(unit);
    await decide(t, claim);
    await expect(
      t.db.query(`UPDATE decisions SET status = 'denied', approved_fen = 0 WHERE claim_id = (SELECT id FROM claims WHERE claim_number = $1)`, [claim.claimNumber]),
    ).rejects.toThrow(/append-only/);
    const stored = await request(t.app).get(`/v1/claims/${claim.claimNumber}`).set(t.auth.auditor).expect(200);
    expect(stored.body.status).toBe('approved');
  });

  it('refuses a DELETE of stored decisions', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    await decide(t, buildClaim(unit));
    const before = await rowCounts(t.db);
    await expect(t.db.query('DELETE FROM decisions')).rejects.toThrow(/append-only/);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
