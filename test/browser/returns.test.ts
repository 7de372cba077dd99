import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { buildEbikeUnit, registerUnit } from '../e2e/fixtures.js';

// The after-sales office on /console/returns: files a refund of an e-bike sold four days before,
// records the unit's return, the joint inspection and the approval, and reads who pays what.

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ now: '2026-03-20T04:00:00Z' });
}, 180_000);
afterAll(() => h?.close());

const stepForm = (page: Page) => page.locator('form').filter({ hasText: '记录下一步' });

async function recordStep(page: Page, fill: (form: ReturnType<typeof stepForm>) => Promise<void>, expectStatus: string) {
  const form = stepForm(page);
  await fill(form);
  await form.getByLabel('说明').fill('recorded at the factory');
  await form.getByRole('button', { name: '记录' }).click();
  await page.getByRole('heading', { name: new RegExp(`申请 \\d+ · ${expectStatus}`) }).waitFor();
}

describe('returns page', { timeout: 120_000 }, () => {
  it('files a refund, records the joint inspection and the approval, and shows who pays what', async () => {
    const unit = await registerUnit(h.app, buildEbikeUnit({ saleDate: '2026-03-10' }));
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/returns');
    await page.getByRole('heading', { name: '整车修、换、退' }).waitFor();
    await expect(page.getByText('还没有申请。').isVisible()).resolves.toBe(true);

    const file = page.locator('form').filter({ hasText: '提出申请' });
    await file.getByLabel('整车', { exact: true }).fill(unit.unitId);
    await file.getByLabel('类型').selectOption('refund');
    await file.getByLabel('申请日').fill('2026-03-14');
    await file.getByLabel('发票号').fill('INV-330100-0001');
    await file.getByLabel('发票日期').fill('2026-03-10');
    await file.getByLabel('发票金额（元）').fill('2599.00');
    await file.getByLabel('说明').fill('frame weld cracked, cannot be repaired');
    await file.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: /申请 \d+ · 已申请/ }).waitFor();

    await recordStep(page, async (f) => {
      await f.getByLabel('返回公司日期').fill('2026-03-15');
      await f.getByLabel('验收日期').fill('2026-03-16');
    }, '待验收');
    await expect(page.getByText('经销单位最迟 2026-03-22 参加验收').isVisible()).resolves.toBe(true);
    await recordStep(page, async (f) => {
      await f.getByLabel('验收日期').fill('2026-03-16');
      await f.getByLabel('本公司验收人').fill('QC Wang');
      await f.getByLabel('经销单位验收人').fill('Li (S1)');
    }, '已验收');
    await expect(page.getByText('共同验收记录').isVisible()).resolves.toBe(true);
    await recordStep(page, async (f) => {
      await f.getByLabel('步骤').selectOption('approved');
      await f.getByLabel('决定日期').fill('2026-03-17');
    }, '已批准');

    const payers = page.locator('table').filter({ hasText: '承担方' });
    await expect(payers.locator('tbody tr').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^本公司¥2,599\.00/), expect.stringMatching(/^经销商 S1¥0\.00/), expect.stringMatching(/^维修单位 S1¥0\.00/), expect.stringMatching(/^用户¥0\.00/),
    ]);
    await expect(page.getByText('退还用户 ¥2,599.00').isVisible()).resolves.toBe(true);
    const list = page.locator('table').filter({ hasText: '申请日' }).first();
    await expect(list.locator('tbody tr').first().textContent()).resolves.toContain('已批准');
    await h.screenshot(page, 'returns');
    await h.expectAccessible(page);
  });

  it('shows a refund without a valid invoice date refused with its reason code, and keeps the page from a dealer', async () => {
    const unit = await registerUnit(h.app, buildEbikeUnit({ saleDate: '2026-03-10' }));
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/returns');
    const file = page.locator('form').filter({ hasText: '提出申请' });
    await file.getByLabel('整车', { exact: true }).fill(unit.unitId);
    await file.getByLabel('申请日').fill('2026-03-14');
    await file.getByLabel('说明').fill('no invoice with the customer');
    await file.getByRole('button', { name: '提交' }).click();
    await expect(file.getByRole('alert').textContent()).resolves.toContain('invoice');
    await file.getByLabel('发票号').fill('INV-X');
    await file.getByLabel('发票日期').fill('2026-03-12');
    await file.getByLabel('发票金额（元）').fill('2599');
    await file.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: /申请 \d+ · 不予办理/ }).waitFor();
    await expect(page.getByText('WA-RETURN-INVOICE').first().isVisible()).resolves.toBe(true);

    const dealer = await h.newPage();
    await h.signIn(dealer, 'dealer');
    await h.open(dealer, '/console/returns');
    await dealer.getByRole('heading', { name: '无权访问' }).waitFor();
  });

  it("binds the factory's record when the dealer missed the 7 days, and charges the missing accessories to the repairer", async () => {
    const unit = await registerUnit(h.app, buildEbikeUnit({ saleDate: '2026-03-01' }));
    const filed = await request(h.app.app).post('/v1/returns').set(h.app.auth.auditor).send({
      stationId: 'S1', repairerId: 'R-9', unitId: unit.unitId, kind: 'exchange', reason: 'serious-quality-defect', requestedDate: '2026-03-05',
      invoice: { number: 'INV-2', date: '2026-03-01', amountFen: 199_900 }, accessories: { present: ['charger', 'battery-key'], missing: [] }, documentsComplete: true, note: 'motor burnt out',
    });
    expect(filed.status).toBe(201);
    const scheduled = await request(h.app.app).post(`/v1/returns/${filed.body.id}/steps`).set(h.app.auth.auditor).send({ step: 'inspection-scheduled', arrivedDate: '2026-03-06', inspectionDate: '2026-03-09', note: 'back at the factory' });
    expect(scheduled.status).toBe(201);
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/returns');
    await page.getByRole('button', { name: `查看 申请 ${filed.body.id}` }).click();
    await recordStep(page, async (f) => {
      await f.getByLabel('经销单位参加验收').uncheck();
      await f.getByLabel('验收日期').fill('2026-03-14');
      await f.getByLabel('本公司验收人').fill('QC Wang');
      await f.getByLabel('验收时缺损附件（逗号分隔）').fill('charger, battery-key');
    }, '已验收');
    await expect(page.getByText('本公司验收记录（经销单位七日内未到）').isVisible()).resolves.toBe(true);
    await recordStep(page, async (f) => {
      await f.getByLabel('步骤').selectOption('approved');
      await f.getByLabel('决定日期').fill('2026-03-15');
    }, '已批准');
    const payers = page.locator('table').filter({ hasText: '承担方' });
    await expect(payers.locator('tbody tr').allTextContents()).resolves.toEqual([
      '本公司¥1,999.00损失中经销商份额以外的部分', '经销商 S1¥0.00—', '维修单位 R-9¥135.00验收时缺损附件：charger, battery-key', '用户¥0.00—',
    ]);
    await h.screenshot(page, 'returns-factory-record');
    await h.expectAccessible(page);
  });

  it('shows the whole repair of a unit that did not meet the exchange conditions as the dealer\'s (§9.5)', async () => {
    const unit = await registerUnit(h.app, buildEbikeUnit({ saleDate: '2026-01-05' }));
    const call = (path: string, body: object) => request(h.app.app).post(path).set(h.app.auth.auditor).send(body).expect(201).then((r) => r.body);
    const filed = await call('/v1/returns', {
      stationId: 'S1', unitId: unit.unitId, kind: 'repair', reason: 'serious-quality-defect', requestedDate: '2026-03-16',
      accessories: { present: ['charger'], missing: [] }, documentsComplete: true, note: 'past the week: the dealer asks for a repair',
    });
    for (const step of [
      { step: 'inspection-scheduled', arrivedDate: '2026-03-16', inspectionDate: '2026-03-16' },
      { step: 'inspected', inspectedDate: '2026-03-16', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S1)', defectConfirmed: true, accessoriesMissing: [] },
      { step: 'approved', decidedDate: '2026-03-17', repairCostFen: 38_000 },
    ]) await call(`/v1/returns/${filed.id}/steps`, { ...step, note: 'after-sales office' });
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/returns');
    await page.getByRole('button', { name: `查看 申请 ${filed.id}` }).click();
    const payers = page.locator('table').filter({ hasText: '承担方' });
    await expect.poll(() => payers.locator('tbody tr').allTextContents()).toEqual([
      '本公司¥0.00—', '经销商 S1¥380.00不符合退换条件，经销单位申请修复，承担全部修复费用', '维修单位 S1¥0.00—', '用户¥0.00—',
    ]);
    await h.screenshot(page, 'returns-dealer-repair');
    await h.expectAccessible(page);
  });
});
