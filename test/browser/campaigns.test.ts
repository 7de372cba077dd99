import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { buildCampaign, campaignJob, lampClaim, nevUnit } from '../campaigns/campaign-helpers.js';

// A policy owner reads a cab-lamp recall on two VINs, one repaired under it: the affected-unit rule,
// the terms, the versions, completion 1 of 2 and its cost; closes it; creates another with the form.
// An auditor reads without the forms; a dealer key has no campaigns page.

let h: ConsoleHarness;
let code: string;
let claimNumber: string;
beforeAll(async () => {
  h = await startConsole();
  const t = h.app;
  const [a, b] = [await nevUnit(t), await nevUnit(t)];
  const body = buildCampaign([a.vin!, b.vin!]);
  code = body.code;
  expect((await request(t.app).post('/v1/campaigns').set(t.auth.policyOwner).send(body)).status).toBe(201);
  const claim = lampClaim(a, [campaignJob(code)]);
  claimNumber = claim.claimNumber;
  expect((await request(t.app).post('/v1/claims').set(t.auth.auditor).send(claim)).status).toBe(201);
}, 180_000);
afterAll(() => h?.close());

describe('campaigns page', { timeout: 120_000 }, () => {
  it("shows a policy owner the campaign's units, terms and completion, and closes it", async () => {
    const page = await h.newPage();
    await h.signIn(page, 'policyOwner');
    await h.open(page, '/console/campaigns');
    await expect(page.getByRole('heading', { name: '召回与服务活动' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: '召回与活动' }).isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: code }).click();
    await page.getByTestId('campaign-report').getByTestId('units-affected').waitFor();
    await expect(page.getByTestId('campaign-affected').textContent()).resolves.toContain('按清单：2 个车辆识别码');
    await expect(page.getByTestId('campaign-terms').textContent()).resolves.toMatch(/NEV-OP-LAMP-RECALL.*0\.8 工时 × 政策工时单价.*NEV-LAMP-001 × 1 @ ¥240\.00.*供应商 SUP-LAMP-01/);
    await expect(page.getByTestId('units-affected').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('units-completed').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('completion').textContent()).resolves.toBe('50 %');
    await expect(page.getByTestId('campaign-cost').textContent()).resolves.toBe('¥304.00');
    await expect(page.getByTestId('campaign-status').textContent()).resolves.toBe('进行中');
    await h.screenshot(page, 'campaigns');
    await h.expectAccessible(page);

    await page.getByLabel('说明').last().fill('all units reached');
    await page.getByRole('button', { name: '关闭活动' }).click();
    await page.getByTestId('campaign-status').getByText('已关闭').waitFor();
    await expect(page.getByTestId('campaign-steps').locator('tbody tr').count()).resolves.toBe(2);
    const stored = await request(h.app.app).get(`/v1/campaigns/${code}`).set(h.app.auth.auditor);
    expect(stored.body.steps.map((s: { step: string }) => s.step)).toEqual(['opened', 'closed']);
  });

  it('creates a campaign from the form', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'policyOwner');
    await h.open(page, '/console/campaigns');
    const form = page.getByTestId('new-campaign');
    await form.getByLabel('活动编号').fill('SA-2026-077');
    await form.getByLabel('类型').selectOption('service-action');
    await form.getByLabel('产品线').selectOption('nev-special-vehicle');
    await form.getByLabel('名称').fill('Wiper arm inspection');
    await form.getByLabel('开启日').fill('2026-03-01');
    await form.getByLabel('范围方式').selectOption('range');
    await form.getByLabel('型号（逗号分隔，留空为全部）').fill('BL5180JSQ');
    await form.getByLabel('自', { exact: true }).fill('2021-01-01');
    await form.getByLabel('至（不含）').fill('2021-07-01');
    await form.getByLabel('作业代码').fill('NEV-OP-WIPER-CHK');
    await form.getByLabel('工时', { exact: true }).fill('0.5');
    await form.getByLabel('配件号').fill('NEV-WIP-001');
    await form.getByLabel('单价（元）').fill('80');
    await form.getByLabel('说明').fill('arms loosen on early builds');
    await form.getByRole('button', { name: '创建活动' }).click();
    await form.getByRole('status').getByText('已创建活动 SA-2026-077').waitFor();
    await page.getByTestId('campaign-list').getByRole('link', { name: 'SA-2026-077' }).waitFor();
    await h.screenshot(page, 'campaigns-list');
    const stored = await request(h.app.app).get('/v1/campaigns/SA-2026-077').set(h.app.auth.auditor);
    expect(stored.body).toMatchObject({ kind: 'service-action', productLine: 'nev-special-vehicle', affected: { by: 'range', models: ['BL5180JSQ'], productionDate: { from: '2021-01-01', to: '2021-07-01' } }, terms: { labourHours: 0.5, labourRateFen: null, parts: { mode: 'listed', items: [{ partNumber: 'NEV-WIP-001', quantity: 1, unitPriceFen: 8_000 }] } } });
    await h.expectAccessible(page);
  });

  it('lets an auditor read without the forms, and gives a dealer no campaigns page', async () => {
    const auditor = await h.newPage();
    await h.signIn(auditor, 'auditor');
    await h.open(auditor, `/console/campaigns/${code}`);
    await auditor.getByTestId('units-affected').waitFor();
    await expect(auditor.getByRole('button', { name: /关闭活动|重新开启/ }).count()).resolves.toBe(0);
    await h.open(auditor, '/console/campaigns');
    await expect(auditor.getByTestId('new-campaign').count()).resolves.toBe(0);
    // The claim repaired under it names the campaign and the version that decided it.
    await h.open(auditor, `/console/claims/${claimNumber}`);
    await expect(auditor.getByTestId('job-campaign').textContent()).resolves.toBe(`活动 ${code} 第 1 版`);

    const dealer = await h.newPage();
    await h.signIn(dealer, 'dealer');
    await expect(dealer.getByRole('link', { name: '召回与活动' }).count()).resolves.toBe(0);
    await h.open(dealer, '/console/campaigns');
    await dealer.getByRole('heading', { name: '无权访问' }).waitFor();
  });
});
