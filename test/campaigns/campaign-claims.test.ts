import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { lampJob, reasonCodes } from '../e2e/fixtures.js';
import { buildCampaign, campaignJob, fileClaim, lampClaim, nevUnit, send } from './campaign-helpers.js';

const line = (job: Record<string, any>, suffix: string) => (job.lines as Array<Record<string, any>>).find((l) => l.lineId === `${job.jobId}/${suffix}`)!;

describe(`claims against campaigns are decided by the campaign's terms (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('pays a recall on a unit whose warranty term expired, by the campaign price and hours, charged to the supplier', async () => {
    const unit = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);

    // The same lamp job as plain warranty: the 12-month term ended in 2022.
    const warranty = await fileClaim(t, lampClaim(unit, [lampJob()]));
    expect(warranty.status).toBe('denied');
    expect(reasonCodes(warranty.jobs[0])).toContain('EW');

    const decision = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)], { failureDate: '2026-03-11', repairDate: '2026-03-12' }));
    const job = decision.jobs[0];
    expect(job.status).toBe('covered');
    expect(job.coverage).toBeNull();
    expect(job.campaign).toEqual({ code: campaign.code, version: 1 });
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-LAMP-01' });
    expect(line(job, 'causal')).toMatchObject({ claimedFen: 26_000, approvedFen: 24_000, status: 'adjusted' });
    expect(line(job, 'labour/1')).toMatchObject({ claimedFen: 8_000, approvedHours: 0.8, approvedFen: 6_400, status: 'adjusted' });
    expect(reasonCodes(job)).toEqual(['WA-CAMPAIGN', 'WA-CAMPAIGN-TERMS', 'WA-CAMPAIGN-TERMS']);
    expect(decision.status).toBe('adjusted');
    expect(decision.totals).toMatchObject({ claimedFen: 34_000, approvedFen: 30_400, deductedFen: 3_600, byParty: [{ type: 'supplier', id: 'SUP-LAMP-01', approvedFen: 30_400 }] });
    expect(decision.trace).toContainEqual(expect.objectContaining({ jobId: 'J1', rule: 'core.campaign.terms', event: 'campaign', result: true }));
  });

  it('denies a unit the campaign does not name, with its reason, and pays nothing', async () => {
    const named = await nevUnit(t);
    const other = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([named.vin!]), 201);
    const decision = await fileClaim(t, lampClaim(other, [campaignJob(campaign.code)]));
    expect(decision.status).toBe('denied');
    expect(reasonCodes(decision.jobs[0])).toEqual(['WA-CAMPAIGN-UNAFFECTED']);
    expect(decision.jobs[0].liableParty).toEqual({ type: 'service-station', id: 'S1' });
    expect(decision.totals.approvedFen).toBe(0);
    expect(decision.trace).toContainEqual(expect.objectContaining({ rule: 'core.campaign.terms', event: 'deny', result: false }));
  });

  it('denies a repair after the campaign closed and pays one done while it was open', async () => {
    const a = await nevUnit(t);
    const b = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([a.vin!, b.vin!]), 201);
    await send(t, 'post', `/v1/campaigns/${campaign.code}/steps`, { step: 'closed', on: '2026-03-05', note: 'recall completed by the deadline' }, 201);
    const late = await fileClaim(t, lampClaim(a, [campaignJob(campaign.code)], { failureDate: '2026-03-05', repairDate: '2026-03-05' }));
    expect(late.status).toBe('denied');
    expect(reasonCodes(late.jobs[0])).toEqual(['WA-CAMPAIGN-CLOSED']);
    expect(late.totals.approvedFen).toBe(0);
    const inTime = await fileClaim(t, lampClaim(b, [campaignJob(campaign.code)], { failureDate: '2026-03-04', repairDate: '2026-03-04' }));
    expect(inTime.jobs[0].status).toBe('covered');
    expect(inTime.totals.approvedFen).toBe(30_400);
  });

  it('denies a repair before the campaign opened, and a campaign code that does not exist', async () => {
    const unit = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!], { opensOn: '2026-03-15' }), 201);
    const early = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code)]));
    expect(reasonCodes(early.jobs[0])).toEqual(['WA-CAMPAIGN-CLOSED']);
    const unknown = await fileClaim(t, lampClaim(unit, [campaignJob('RC-1999-999')], { failureDate: '2026-03-11', repairDate: '2026-03-11' }));
    expect(unknown.status).toBe('denied');
    expect(reasonCodes(unknown.jobs[0])).toEqual(['WA-CAMPAIGN-UNKNOWN']);
    expect(unknown.jobs[0].campaign).toEqual({ code: 'RC-1999-999', version: null });
  });

  it('matches units by model and a half-open production-date range; a unit without a production date is not named', async () => {
    const inside = await nevUnit(t, { productionDate: '2021-02-10' });
    const onEnd = await nevUnit(t, { productionDate: '2021-07-01' });
    const undated = await nevUnit(t);
    const otherModel = await nevUnit(t, { productionDate: '2021-02-10', model: 'BL5250ZYS' });
    const body = buildCampaign([], { affected: { by: 'range', models: ['BL5180JSQ'], productionDate: { from: '2021-01-01', to: '2021-07-01' } } });
    const campaign = await send(t, 'post', '/v1/campaigns', body, 201);
    const statusOf = async (u: typeof inside) => (await fileClaim(t, lampClaim(u, [campaignJob(campaign.code)]))).jobs[0];
    expect((await statusOf(inside)).status).toBe('covered');
    for (const u of [onEnd, undated, otherModel]) expect(reasonCodes(await statusOf(u))).toEqual(['WA-CAMPAIGN-UNAFFECTED']);
  });

  it('matches by sale-date range and by serial number', async () => {
    const sold = await nevUnit(t, { saleDate: '2022-05-01' });
    const before = await nevUnit(t, { saleDate: '2022-03-31' });
    const bySale = await send(t, 'post', '/v1/campaigns', buildCampaign([], { affected: { by: 'range', saleDate: { from: '2022-04-01', to: '2022-07-01' } } }), 201);
    expect((await fileClaim(t, lampClaim(sold, [campaignJob(bySale.code)]))).jobs[0].status).toBe('covered');
    expect(reasonCodes((await fileClaim(t, lampClaim(before, [campaignJob(bySale.code)]))).jobs[0])).toEqual(['WA-CAMPAIGN-UNAFFECTED']);
    const serialUnit = await nevUnit(t);
    const bySerial = await send(t, 'post', '/v1/campaigns', buildCampaign([], { affected: { by: 'units', serialNumbers: [serialUnit.upfitSerial] } }), 201);
    expect((await fileClaim(t, lampClaim(serialUnit, [campaignJob(bySerial.code)]))).jobs[0].status).toBe('covered');
  });

  it('pays parts as claimed up to the cap, labour at the campaign rate, and another operation or auxiliary nothing', async () => {
    const unit = await nevUnit(t);
    const terms = { operationCode: 'NEV-OP-LAMP-RECALL', labourHours: 0.8, labourRateFen: 5_000, parts: { mode: 'as-claimed', capFen: 20_000 }, liableParty: { type: 'manufacturer' } };
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!], { kind: 'service-action', terms }), 201);
    const job = campaignJob(campaign.code, { labour: [{ operationCode: 'NEV-OP-LAMP-RECALL', hours: 0.5, rateFen: 8_000 }, { operationCode: 'NEV-OP-DIAG', hours: 0.5, rateFen: 8_000 }], auxiliaryFen: 1_000 });
    const decision = await fileClaim(t, lampClaim(unit, [job]));
    const j = decision.jobs[0];
    expect(line(j, 'causal')).toMatchObject({ claimedFen: 26_000, approvedFen: 20_000 });
    expect(line(j, 'labour/1')).toMatchObject({ claimedFen: 4_000, approvedFen: 2_500 });
    expect(line(j, 'labour/2')).toMatchObject({ claimedFen: 4_000, approvedFen: 0, status: 'adjusted' });
    expect(line(j, 'auxiliary')).toMatchObject({ claimedFen: 1_000, approvedFen: 0 });
    expect(decision.totals.approvedFen).toBe(22_500);
    expect(j.liableParty).toEqual({ type: 'manufacturer' });
  });

  it('decides a campaign job and a warranty job of one claim each on its own terms', async () => {
    const unit = await nevUnit(t, { saleDate: '2025-12-01' });
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign([unit.vin!]), 201);
    const decision = await fileClaim(t, lampClaim(unit, [campaignJob(campaign.code), lampJob({ jobId: 'J2', causalPart: { partNumber: 'NEV-WIP-001', quantity: 1, unitPriceFen: 8_000 }, component: 'cab-lamp' })]));
    expect(decision.jobs.map((j: any) => [j.jobId, j.status, j.campaign?.code ?? null])).toEqual([['J1', 'covered', campaign.code], ['J2', expect.any(String), null]]);
    expect(decision.jobs[1].reasons.some((r: any) => r.code.startsWith('WA-CAMPAIGN'))).toBe(false);
  });
});
