import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, decide, lampJob, registerUnit } from '../e2e/fixtures.js';
import { appeal, correct, review } from '../settlement/settlement-helpers.js';

/**
 * The review queue is read from claim_heads (migration 042), a projection the database keeps on
 * every write: these check it follows a correction, a review and an appeal. Each claim is filed
 * for a station of its own so the queue's total and counts can be read for it alone. A cab lamp
 * on a NEV sold 2025-06-01 with 350 km of travel (beyond the last band) is pended WA-TRAVEL-BEYOND;
 * one damaged in an accident is denied CDR. The stations (HQ1 …) have no tier, so their labour is
 * cut to the default rate (ELR).
 */
let t: TestApp;
let stations = 0;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
});
afterAll(() => t.close());

type Item = { claimNumber: string; status: string; decisionVersion: number; waitingSince: string; claimedFen: number; why: Array<{ code: string }>; appeal: { reason: string } | null };
async function queueOf(stationId: string, query: Record<string, string | number> = {}) {
  const res = await request(t.app).get('/v1/reviews').query({ stationId, ...query }).set(t.auth.auditor).expect(200);
  return res.body as { items: Item[]; total: number; countsByReason: Array<{ code: string; claims: number }> };
}

async function fileLamp(job: Parameters<typeof lampJob>[0]) {
  t.setNow('2026-03-20T04:00:00Z');
  const stationId = `HQ${++stations}`;
  const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-06-01' }));
  const claim = buildClaim(unit, { stationId, jobs: [lampJob(job)] });
  return { claim, decision: await decide(t, claim), stationId };
}

describe('the review queue after a submission', () => {
  it('lists a submitted pended claim with its reason codes and product line, and no adjusted or denied one', async () => {
    const pended = await fileLamp({ travel: { km: 350, amountFen: 60_000 } });
    expect(pended.decision.status).toBe('pended');
    const queue = await queueOf(pended.stationId);
    expect(queue.items).toEqual([expect.objectContaining({ claimNumber: pended.claim.claimNumber, status: 'pended', decisionVersion: 1, claimedFen: 90_000, productLine: 'nev-special-vehicle' })]);
    expect(queue.countsByReason.map((c) => [c.code, c.claims])).toEqual([['ELR', 1], ['WA-TRAVEL-BEYOND', 1]]);
    expect((await queueOf(pended.stationId, { reasonCode: 'WA-TRAVEL-BEYOND', productLine: 'nev-special-vehicle' })).total).toBe(1);
    expect((await queueOf(pended.stationId, { productLine: 'e-bike' })).total).toBe(0);

    const adjusted = await fileLamp({});
    expect(adjusted.decision.status).toBe('adjusted');
    const denied = await fileLamp({ cause: 'accident' });
    expect(denied.decision.status).toBe('denied');
    for (const { stationId } of [adjusted, denied]) expect(await queueOf(stationId)).toMatchObject({ items: [], total: 0, countsByReason: [] });
  });

  it('stores the same head for a submitted claim as the refresh computes from the records', async () => {
    const { claim, stationId } = await fileLamp({ travel: { km: 350, amountFen: 60_000 } });
    const head = () => t.db.query('SELECT * FROM claim_heads WHERE station_id = $1 AND claim_number = $2', [stationId, claim.claimNumber]).then((r) => r.rows);
    const written = await head();
    expect(written).toHaveLength(1);
    await t.db.query('SELECT claim_heads_refresh($1, $2)', [stationId, claim.claimNumber]);
    expect(await head()).toEqual(written);
  });
});

describe('the review queue after each change to a claim', () => {
  it('shows a corrected claim once, with the new version, amount and waiting time; a correction that settles it leaves the queue', async () => {
    const { claim, decision, stationId } = await fileLamp({ travel: { km: 350, amountFen: 60_000 } });
    expect(decision.status).toBe('pended');
    const before = await queueOf(stationId);
    expect(before.items).toEqual([expect.objectContaining({ claimNumber: claim.claimNumber, decisionVersion: 1, claimedFen: 90_000, waitingSince: '2026-03-20T04:00:00.000Z' })]);

    t.setNow('2026-03-22T04:00:00Z');
    const corrected = await correct(t, claim.claimNumber, { ...claim, jobs: [lampJob({ travel: { km: 380, amountFen: 70_000 } })] });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body).toMatchObject({ status: 'pended', decisionVersion: 2 });
    const after = await queueOf(stationId);
    expect(after.total).toBe(1);
    expect(after.items).toEqual([expect.objectContaining({ claimNumber: claim.claimNumber, status: 'pended', decisionVersion: 2, claimedFen: 100_000, waitingSince: '2026-03-22T04:00:00.000Z' })]);
    expect(after.items[0]!.why.map((w) => w.code)).toEqual(['WA-TRAVEL-BEYOND']);
    // The counts take every reason of a pended job, the labour rate cut (ELR) of a station with no tier too.
    expect(after.countsByReason.map((c) => [c.code, c.claims])).toEqual([['ELR', 1], ['WA-TRAVEL-BEYOND', 1]]);
    expect((await queueOf(stationId, { minClaimedFen: 100_000 })).items).toHaveLength(1);
    expect((await queueOf(stationId, { maxClaimedFen: 90_000 })).items).toEqual([]);

    const settled = await correct(t, claim.claimNumber, { ...claim, jobs: [lampJob()] });
    expect(settled.status, JSON.stringify(settled.body)).toBe(201);
    expect(settled.body).toMatchObject({ status: 'adjusted', decisionVersion: 3 });
    expect(await queueOf(stationId)).toMatchObject({ items: [], total: 0, countsByReason: [] });
  });

  it('drops a claim an auditor approves, and its reason from the counts', async () => {
    const { claim, stationId } = await fileLamp({ travel: { km: 350, amountFen: 60_000 } });
    expect((await queueOf(stationId, { reasonCode: 'WA-TRAVEL-BEYOND' })).total).toBe(1);
    t.setNow('2026-04-03T04:00:00Z');
    const res = await review(t, claim.claimNumber, { note: 'dispatch log confirms 350 km', lines: [{ lineId: 'J1/travel', action: 'approve', amountFen: 60_000 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'adjusted', decisionVersion: 2 });
    expect(await queueOf(stationId)).toMatchObject({ items: [], total: 0, countsByReason: [] });
    expect((await queueOf(stationId, { reasonCode: 'WA-TRAVEL-BEYOND' })).total).toBe(0);
  });

  it('adds a denied claim when the station appeals, and drops it when the review answers the appeal', async () => {
    const { claim, decision, stationId } = await fileLamp({ cause: 'accident' });
    expect(decision.status).toBe('denied');
    expect((await queueOf(stationId)).total).toBe(0);

    const filed = await appeal(t, claim.claimNumber, { reason: 'the lamp failed on its own' }, t.auth.auditor);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const appealed = await queueOf(stationId);
    expect(appealed.total).toBe(1);
    expect(appealed.items).toEqual([expect.objectContaining({ claimNumber: claim.claimNumber, status: 'denied', decisionVersion: 1, why: [], appeal: expect.objectContaining({ reason: 'the lamp failed on its own' }) })]);
    expect(appealed.countsByReason).toEqual([]);

    t.setNow('2026-04-03T04:00:00Z');
    const res = await review(t, claim.claimNumber, {
      note: 'appeal upheld: accident report belongs to another unit',
      lines: [{ lineId: 'J1/causal', action: 'approve', amountFen: 26_000 }, { lineId: 'J1/labour/1', action: 'approve', amountFen: 4_000 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await queueOf(stationId)).toMatchObject({ items: [], total: 0 });
  });
});
