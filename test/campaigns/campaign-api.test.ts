import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { errorPaths, reasonCodes } from '../e2e/fixtures.js';
import { buildCampaign, campaignJob, fileClaim, lampClaim, nevUnit, send } from './campaign-helpers.js';

async function campaignRows(t: TestApp): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM campaign_versions) + (SELECT count(*) FROM campaign_steps) AS n');
  return Number(rows[0]!.n);
}

describe(`the campaign API: versions, steps, roles and problems (${databaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('an edit adds a version; a claim decided before keeps the version and amount it was decided with', async () => {
    const a = await nevUnit(t);
    const b = await nevUnit(t);
    const created = await send(t, 'post', '/v1/campaigns', buildCampaign([a.vin!, b.vin!]), 201);
    expect(created).toMatchObject({ version: 1, status: 'open', steps: [{ seq: 1, step: 'opened', on: '2026-01-01' }] });
    const before = await fileClaim(t, lampClaim(a, [campaignJob(created.code)]));
    expect(before.totals.approvedFen).toBe(30_400);

    const edited: Record<string, any> = { ...buildCampaign([a.vin!, b.vin!]), code: undefined, kind: undefined, productLine: undefined, opensOn: undefined };
    edited.terms.parts.items[0].unitPriceFen = 20_000;
    edited.note = 'supplier price agreed lower';
    const v2 = await send(t, 'post', `/v1/campaigns/${created.code}/versions`, JSON.parse(JSON.stringify(edited)), 201);
    expect(v2.version).toBe(2);
    expect(v2.versions.map((v: any) => [v.version, v.terms.parts.items[0].unitPriceFen])).toEqual([[1, 24_000], [2, 20_000]]);
    expect(v2.kind).toBe('recall');

    const after = await fileClaim(t, lampClaim(b, [campaignJob(created.code)]));
    expect(after.jobs[0].campaign).toEqual({ code: created.code, version: 2 });
    expect(after.totals.approvedFen).toBe(26_400);
    const reread = await send(t, 'get', `/v1/claims/${before.claimNumber}`, undefined, 200, t.auth.auditor);
    expect(reread.jobs[0].campaign).toEqual({ code: created.code, version: 1 });
    expect(reread.totals.approvedFen).toBe(30_400);
  });

  it('reports units affected and completed, completion and cost in fen, as JSON and CSV', async () => {
    const units = [await nevUnit(t), await nevUnit(t), await nevUnit(t)];
    const outsider = await nevUnit(t);
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign(units.map((u) => u.vin!)), 201);
    await fileClaim(t, lampClaim(units[0]!, [campaignJob(campaign.code)]));
    await fileClaim(t, lampClaim(units[1]!, [campaignJob(campaign.code, { causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 23_000 } })]));
    await fileClaim(t, lampClaim(outsider, [campaignJob(campaign.code)]));
    const report = await send(t, 'get', `/v1/campaigns/${campaign.code}/report`, undefined, 200, t.auth.auditor);
    expect(report).toMatchObject({ code: campaign.code, version: 1, status: 'open', unitsAffected: 3, unitsCompleted: 2, completionPct: 66.7, costFen: 30_400 + 29_400, claims: { covered: 2, denied: 1, pended: 0 } });
    expect(report.units.map((u: any) => [u.unitId, u.completed, u.costFen])).toEqual(
      [[units[0]!.unitId, true, 30_400], [units[1]!.unitId, true, 29_400], [units[2]!.unitId, false, 0]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(report.jobs.find((j: any) => j.unitId === outsider.unitId).reasonCodes).toEqual(['WA-CAMPAIGN-UNAFFECTED']);

    const csv = await request(t.app).get(`/v1/campaigns/${campaign.code}/report`).query({ format: 'csv' }).set(t.auth.auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('campaign,version,unitId,vin,serialNumber,model,completed,claimNumbers,costFen');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes(units[1]!.unitId))).toMatch(/,true,CLM-\d+,29400$/);
    const byAccept = await request(t.app).get(`/v1/campaigns/${campaign.code}/report`).set('Accept', 'text/csv').set(t.auth.policyOwner);
    expect(byAccept.text).toBe(csv.text);
  });

  it('closing is an appended step: twice, or before the last step, is a conflict; reopening appends again', async () => {
    const campaign = await send(t, 'post', '/v1/campaigns', buildCampaign(['LB9BL5180T0000000']), 201);
    const closed = await send(t, 'post', `/v1/campaigns/${campaign.code}/steps`, { step: 'closed', on: '2026-03-01', note: 'all units done' }, 201);
    expect(closed.status).toBe('closed');
    expect((await send(t, 'post', `/v1/campaigns/${campaign.code}/steps`, { step: 'closed', on: '2026-03-02', note: 'again' }, 409)).code).toBe('campaign-step-repeated');
    expect((await send(t, 'post', `/v1/campaigns/${campaign.code}/steps`, { step: 'opened', on: '2026-02-01', note: 'back in time' }, 409)).code).toBe('campaign-step-out-of-order');
    const reopened = await send(t, 'post', `/v1/campaigns/${campaign.code}/steps`, { step: 'opened', on: '2026-03-10', note: 'more units found' }, 201);
    expect(reopened.steps.map((s: any) => [s.seq, s.step, s.on])).toEqual([[1, 'opened', '2026-01-01'], [2, 'closed', '2026-03-01'], [3, 'opened', '2026-03-10']]);
    const list = await send(t, 'get', '/v1/campaigns', undefined, 200, t.auth.auditor);
    expect(list.campaigns.find((c: any) => c.code === campaign.code)).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses bad input with problem+json naming each field, and changes nothing', async () => {
    const rows = await campaignRows(t);
    const bad = buildCampaign([], { affected: { by: 'units', vins: [] }, terms: { operationCode: 'X', labourHours: -1, parts: { mode: 'listed', items: [] }, liableParty: { type: 'supplier' } }, opensOn: '2026-13-01', extra: 1 });
    const problem = await send(t, 'post', '/v1/campaigns', bad, 400);
    expect(errorPaths({ body: problem } as any)).toEqual(expect.arrayContaining(['extra', 'affected.vins', 'terms.labourHours', 'terms.parts.items', 'terms.liableParty.id', 'opensOn']));
    const range = await send(t, 'post', '/v1/campaigns', buildCampaign([], { affected: { by: 'range', models: [], saleDate: { from: '2022-07-01', to: '2022-04-01' } } }), 400);
    expect(errorPaths({ body: range } as any)).toEqual(['affected.saleDate.from']);
    const line = await send(t, 'post', '/v1/campaigns', buildCampaign(['V'], { productLine: 'tractor' }), 400);
    expect(errorPaths({ body: line } as any)).toEqual(['productLine']);
    expect(errorPaths({ body: await send(t, 'get', '/v1/campaigns/rc-lower', undefined, 400) } as any)).toEqual(['params.code']);
    expect(errorPaths({ body: await send(t, 'get', '/v1/campaigns/RC-2026-001/report?fromat=csv', undefined, 400) } as any)).toEqual(['query.fromat']);
    await send(t, 'get', '/v1/campaigns/RC-0000-404', undefined, 404);
    await send(t, 'post', '/v1/campaigns/RC-0000-404/steps', { step: 'closed', on: '2026-03-01', note: 'none such' }, 404);
    await send(t, 'post', '/v1/campaigns/RC-0000-404/versions', { title: 'none such', affected: { by: 'units', vins: ['V'] }, terms: buildCampaign([]).terms, note: 'none such' }, 404);
    const taken = buildCampaign(['V']);
    await send(t, 'post', '/v1/campaigns', taken, 201);
    expect((await send(t, 'post', '/v1/campaigns', taken, 409)).code).toBe('campaign-exists');
    expect(await campaignRows(t)).toBe(rows + 2);

    const unit = await nevUnit(t);
    const claim = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(lampClaim(unit, [campaignJob('rc 1')]));
    expect(claim.status).toBe(400);
    expect(errorPaths(claim)).toEqual(['jobs.0.campaignCode']);
  });

  it('lets policy owners and admins write, auditors read, and dealer keys neither', async () => {
    const body = buildCampaign(['V1']);
    await send(t, 'post', '/v1/campaigns', body, 403, t.auth.auditor);
    await send(t, 'post', '/v1/campaigns', body, 403, t.auth.dealer);
    await send(t, 'post', '/v1/campaigns', body, 201, t.auth.admin);
    await send(t, 'get', '/v1/campaigns', undefined, 403, t.auth.dealer);
    await send(t, 'get', `/v1/campaigns/${body.code}`, undefined, 403, t.auth.dealer);
    await send(t, 'get', `/v1/campaigns/${body.code}/report`, undefined, 403, t.auth.dealer);
    await send(t, 'post', `/v1/campaigns/${body.code}/steps`, { step: 'closed', on: '2026-03-01', note: 'by an auditor' }, 403, t.auth.auditor);
    await send(t, 'get', `/v1/campaigns/${body.code}`, undefined, 200, t.auth.auditor);
    // A dealer still files claims under a campaign: the decision names it.
    const unit = await nevUnit(t);
    const res = await request(t.app).post('/v1/claims').set(t.auth.dealer).send(lampClaim(unit, [campaignJob(body.code)]));
    expect(res.status).toBe(201);
    expect(reasonCodes(res.body.jobs[0])).toEqual(['WA-CAMPAIGN-UNAFFECTED']);
  });

  it.each([
    ["UPDATE campaign_versions SET note = 'x'", /campaign_versions is append-only/],
    ['DELETE FROM campaign_versions', /append-only/],
    ['TRUNCATE campaign_versions', /append-only/],
    ["UPDATE campaign_steps SET step = 'opened'", /campaign_steps is append-only/],
    ['DELETE FROM campaign_steps', /append-only/],
    ['TRUNCATE campaign_steps', /append-only/],
  ])('the database refuses %s', async (sql, message) => {
    const rows = await campaignRows(t);
    expect(rows).toBeGreaterThan(0);
    await expect(t.db.query(sql)).rejects.toThrow(message);
    expect(await campaignRows(t)).toBe(rows);
  });
});
