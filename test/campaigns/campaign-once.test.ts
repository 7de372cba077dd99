import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ClaimStore } from '../../src/claims/claim-store.js';
import { UnitStore } from '../../src/units/unit-store.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { lampJob, reasonCodes } from '../e2e/fixtures.js';
import { buildCampaign, campaignJob, fileClaim, lampClaim, nevUnit, send } from './campaign-helpers.js';

describe(`a campaign operation is paid once per unit (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('denies a second claim for the same unit and campaign with WA-CAMPAIGN-DONE, naming the first; the first stays covered, another unit is paid', async () => {
    const unit = await nevUnit(t);
    const other = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!, other.vin!]), 201);
    const first = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)], { failureDate: '2026-03-02', repairDate: '2026-03-03' }));
    expect(first.jobs[0].status).toBe('covered');
    expect(first.totals.approvedFen).toBe(30_400);

    const second = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)]));
    expect(second.status).toBe('denied');
    expect(reasonCodes(second.jobs[0])).toEqual(['WA-CAMPAIGN-DONE']);
    expect(second.jobs[0].reasons[0].message.en).toMatch(/already done/);
    expect(second.jobs[0].liableParty).toEqual({ type: 'service-station', id: 'S1' });
    expect(second.totals.approvedFen).toBe(0);
    expect(second.jobs[0].lines.every((l: { approvedFen: number }) => l.approvedFen === 0)).toBe(true);
    const entry = second.trace.find((e: any) => e.rule === 'core.campaign.terms');
    expect(entry).toMatchObject({ event: 'deny', result: false });
    expect(entry.conditions).toContainEqual(expect.objectContaining({ path: '$.doneByClaim', factValue: first.claimNumber, result: false }));

    const stored = await request(t.app).get(`/v1/claims/${first.claimNumber}`).set(t.auth.auditor).expect(200);
    expect(stored.body.status).toBe('adjusted');
    expect(stored.body.versions.map((v: { status: string }) => v.status)).toEqual(['adjusted']);

    const paid = await fileClaim(t, lampClaim(other, [campaignJob(campaign.code)]));
    expect(paid.jobs[0].status).toBe('covered');
    expect(paid.totals.approvedFen).toBe(30_400);

    // The report counts each unit once, with the one payment it had.
    const report = await send(t, 'get', `/v1/campaigns/${campaign.code}/report`, undefined, 200, t.auth.auditor);
    expect(report).toMatchObject({ unitsAffected: 2, unitsCompleted: 2, costFen: 2 * 30_400, claims: { covered: 2, denied: 1, pended: 0 } });
    expect(report.units.find((u: any) => u.unitId === second.unitId)).toMatchObject({ completed: true, claimNumbers: [first.claimNumber], costFen: 30_400 });
  });

  it('does not deny a correction of the claim that did the campaign as done', async () => {
    const unit = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);
    // The campaign job covered, a warranty lamp job long out of term denied: partly denied, so correctable.
    const claim = lampClaim(unit, [campaignJob(campaign.code), lampJob({ jobId: 'J2' })]);
    const first = await fileClaim(t, claim);
    expect(first.status).toBe('partial');
    expect(first.jobs[0].status).toBe('covered');

    const res = await request(t.app).post(`/v1/claims/${claim.claimNumber}/corrections`).set(t.auth.auditor).send({ ...claim, jobs: [campaignJob(campaign.code)] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ decisionVersion: 2, status: 'adjusted' });
    expect(reasonCodes(res.body.jobs[0])).toEqual(['WA-CAMPAIGN', 'WA-CAMPAIGN-TERMS', 'WA-CAMPAIGN-TERMS']);
    expect(res.body.totals.approvedFen).toBe(30_400);
  });

  it('lets a denied first attempt be followed by a covered one', async () => {
    const unit = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!], { opensOn: '2026-03-05' }), 201);
    const early = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)], { failureDate: '2026-03-02', repairDate: '2026-03-03' }));
    expect(reasonCodes(early.jobs[0])).toEqual(['WA-CAMPAIGN-CLOSED']);
    const later = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)]));
    expect(later.jobs[0].status).toBe('covered');
    expect(later.totals.approvedFen).toBe(30_400);
    // And then it is done: a third is denied.
    const third = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)], { failureDate: '2026-03-12', repairDate: '2026-03-12' }));
    expect(reasonCodes(third.jobs[0])).toEqual(['WA-CAMPAIGN-DONE']);
  });

  it('pays one job of a claim under a campaign, and denies a second job of the same claim under it as done', async () => {
    const unit = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);
    const decision = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code), campaignJob(campaign.code, { jobId: 'J2' })]));
    expect(decision.jobs.map((j: any) => [j.jobId, j.status, reasonCodes(j)[0]])).toEqual([['J1', 'covered', 'WA-CAMPAIGN'], ['J2', 'denied', 'WA-CAMPAIGN-DONE']]);
    expect(decision.totals.approvedFen).toBe(30_400);
  });

  it('pays the same unit under another campaign', async () => {
    const unit = await nevUnit(t);
    const a = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);
    const b = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);
    expect((await fileClaim(t, lampClaim(unit, [campaignJob(a.code)], { failureDate: '2026-03-02', repairDate: '2026-03-03' }))).jobs[0].status).toBe('covered');
    expect((await fileClaim(t, lampClaim(unit, [campaignJob(b.code)]))).jobs[0].status).toBe('covered');
  });

  it('reads the claim that did the campaign from the bounded history, not the whole unit history', async () => {
    const unit = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);
    const done = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)], { failureDate: '2026-01-05', repairDate: '2026-01-05', odometerKm: 140_000 }));
    // Later lamp repairs, out of term (denied), with a higher odometer reading.
    for (const day of ['2026-01-20', '2026-02-03', '2026-02-17']) await fileClaim(t, lampClaim(unit, [lampJob()], { failureDate: day, repairDate: day }));
    const { unitId } = (await new UnitStore(t.db).findByIdentity(unit))!;
    const store = new ClaimStore(t.db);
    const probe = { claimNumber: 'CLM-PROBE', failureDate: '2026-03-10', repairDate: '2026-03-10', components: ['traction-battery'], preAuthorisationNumbers: [] };
    const relevant = await store.relevantHistory(unitId, { ...probe, campaignCodes: [campaign.code] }, 3);
    expect(relevant.map((h) => h.claimNumber)).toContain(done.claimNumber);
    expect(relevant.length).toBeLessThan((await store.historyOf(unitId)).length);
    expect((await store.relevantHistory(unitId, probe, 3)).map((h) => h.claimNumber)).not.toContain(done.claimNumber);
  });
});
