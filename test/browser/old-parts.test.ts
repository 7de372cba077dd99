import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { buildClaim, buildNevUnit, decide, registerUnit } from '../e2e/fixtures.js';

/**
 * The old-part clerk's day in a real Chromium: a battery claim of station S1 (its pack held for the
 * old part) is seeded through the API; the auditor receives the pack on the page, the supplier
 * disputes it, quality rejects it and returns its cost to the station — the ledger, the API and the
 * station statement's charge-back agree — and the return and pass rates show for the month.
 */
let h: ConsoleHarness;
let claimNumber = '';
beforeAll(async () => {
  h = await startConsole({ now: '2026-03-20T04:00:00Z' });
  const unit = await registerUnit(h.app, buildNevUnit());
  const decided = await decide(h.app, buildClaim(unit, { claimNumber: 'CLM-OLD-1' }));
  claimNumber = decided.claimNumber;
  await request(h.app.app).post(`/v1/claims/${claimNumber}/part-returns`).set(h.app.auth.auditor)
    .send({ stationId: 'S1', lineId: 'J1/causal', receivedDate: '2026-03-20', inspection: 'confirmed', note: 'cell fault confirmed' }).expect(201);
});
afterAll(() => h?.close());

const row = (page: import('playwright-core').Page, id: number) => page.getByTestId(`old-part-${id}`);

describe('the old-parts page', () => {
  it('receives a part, records the supplier dispute and the second inspection, and shows the charge-back and the rates', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/old-parts');
    await page.getByRole('heading', { name: '旧件管理' }).waitFor();

    const receive = page.getByRole('form', { name: '旧件入库' });
    await receive.getByLabel('服务站').fill('S1');
    await receive.getByLabel('理赔单号').fill(claimNumber);
    await receive.getByLabel('明细').fill('J1/causal');
    await receive.getByLabel('入库日期').fill('2026-03-20');
    await receive.getByLabel('存放位置').fill('shelf A-3');
    await receive.getByLabel('故障状态').fill('cell 14 swollen');
    await receive.getByLabel('说明（必填）').fill('pack arrived by freight');
    await receive.getByRole('button', { name: '记录' }).click();

    const listed = async () => (await request(h.app.app).get('/v1/old-parts').query({ claimNumber }).set(h.app.auth.auditor).expect(200)).body.items;
    await expect.poll(async () => (await listed()).length).toBe(1);
    const id = (await listed())[0].id as number;
    await row(page, id).waitFor();
    await expect(row(page, id).getByTestId('custody').textContent()).resolves.toBe('在库');
    await expect(row(page, id).getByTestId('recovery').textContent()).resolves.toBe('待复验');
    await expect(row(page, id).textContent()).resolves.toContain('shelf A-3');

    await row(page, id).getByRole('button', { name: `选择 ${id}` }).click();
    let step = page.getByRole('form', { name: `旧件 ${id}（${claimNumber}）的下一步` });
    await step.getByLabel('步骤').selectOption({ label: '供应商复验' });
    await step.getByLabel('结论').selectOption({ label: '异议' });
    await step.getByLabel('复验人').fill('SUP-BATT-01 QA');
    await step.getByLabel('说明（必填）').fill('supplier says cells within spec');
    await step.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => row(page, id).getByTestId('recovery').textContent()).toBe('有异议');

    step = page.getByRole('form', { name: `旧件 ${id}（${claimNumber}）的下一步` });
    await step.getByLabel('步骤').selectOption({ label: '质量部二次鉴定' });
    await step.getByLabel('结论').selectOption({ label: '驳回' });
    await step.getByLabel('费用退回给').selectOption({ label: '服务站' });
    await step.getByLabel('说明（必填）').fill('pack damaged by the station in removal');
    await step.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => row(page, id).getByTestId('recovery').textContent()).toBe('驳回');
    await expect(row(page, id).textContent()).resolves.toContain('服务站');

    const part = (await request(h.app.app).get(`/v1/old-parts/${id}`).set(h.app.auth.auditor).expect(200)).body;
    expect(part.status).toMatchObject({ custody: 'in-store', recovery: 'rejected', chargedBackTo: 'service-station' });
    expect(part.steps.map((s: { step: string }) => s.step)).toEqual(['received', 'supplier-inspection', 'quality-inspection']);
    const statement = (await request(h.app.app).get('/v1/statements/stations/S1').query({ month: '2026-03' }).set(h.app.auth.auditor).expect(200)).body;
    expect(statement.totals.chargedBackFen).toBe(6_800_000);

    await page.getByRole('textbox', { name: '服务站' }).first().fill('S1');
    await page.getByLabel('自', { exact: true }).fill('2026-03-01');
    await page.getByLabel('至', { exact: true }).fill('2026-03-31');
    await page.getByRole('button', { name: '显示' }).click();
    await page.getByTestId('old-part-returns').waitFor();
    await expect(page.getByTestId('return-rate').textContent()).resolves.toBe('100%');
    await expect(page.getByTestId('pass-rate').textContent()).resolves.toBe('0%');
    await h.screenshot(page, 'old-parts');
    await h.expectAccessible(page);
  });

  it('refuses the page to a dealer', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'dealer');
    await h.open(page, '/console/old-parts');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
  });
});
