import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { buildClaim, buildEbikeUnit, buildNevUnit, decide, registerUnit } from '../e2e/fixtures.js';

/**
 * From the statement to payment on the settlement page, in a real Chromium: two claims of station S3
 * are decided through the API; the auditor sends the result, an invoice for the wrong amount is
 * refused by the check, the right one is recorded, finance returns it, a new one is paid part as parts
 * credit and the rest to the account, and the balance shows what is left. A whole-unit repair of S3's
 * approved that month (004 §9.2) is debited its dealer share on the statement.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ now: '2026-03-20T04:00:00Z' });
  for (const n of [1, 2]) await decide(h.app, buildClaim(await registerUnit(h.app, buildNevUnit()), { stationId: 'S3', claimNumber: `CLM-PAY-${n}` }));
  const unit = await registerUnit(h.app, buildEbikeUnit({ saleDate: '2026-03-01' }));
  const call = (path: string, body: object) => request(h.app.app).post(path).set(h.app.auth.auditor).send(body).expect(201).then((r) => r.body);
  const filed = await call('/v1/returns', {
    stationId: 'S3', unitId: unit.unitId, kind: 'repair', reason: 'customer-changed-mind', requestedDate: '2026-03-14',
    accessories: { present: ['charger'], missing: [] }, documentsComplete: true, note: 'approved by the sales company (§9.2)',
  });
  for (const step of [
    { step: 'inspection-scheduled', arrivedDate: '2026-03-14', inspectionDate: '2026-03-14' },
    { step: 'inspected', inspectedDate: '2026-03-14', dealerAttended: true, factoryInspector: 'QC Wang', dealerInspector: 'Li (S3)', defectConfirmed: false, accessoriesMissing: [] },
    { step: 'approved', decidedDate: '2026-03-15', repairCostFen: 30_000 },
  ]) await call(`/v1/returns/${filed.id}/steps`, { ...step, note: 'after-sales office' });
  returnId = filed.id;
});
let returnId: number;
afterAll(() => h?.close());

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('settlement to payment', () => {
  it('sends the result, checks the invoice against the net, returns it, and records payment to parts credit and the account', async () => {
    const statement = (await request(h.app.app).get('/v1/statements/stations/S3').query({ month: '2026-03' }).set(h.app.auth.auditor).expect(200)).body;
    const net = statement.totals.netFen as number;
    expect(net).toBeGreaterThan(10_000);
    expect(statement.totals).toMatchObject({ returnDebitedFen: 9_000, netFen: statement.totals.paidFen - 9_000 });
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/settlement');
    await page.getByLabel('服务站', { exact: true }).fill('S3');
    await page.getByLabel('月份').fill('2026-03');
    await page.getByRole('button', { name: '显示' }).click();
    // Polled: a statement shown before S3's March answer arrives (all ¥0.00) is not the one asked for.
    await expect.poll(() => page.getByTestId('statement-net').textContent()).toContain(`− 整车修换退 ¥90.00 = 应付净额 ${yuan(net)}`);
    await expect.poll(() => page.getByTestId('statement-return-debits').locator('tbody tr').allTextContents()).toEqual([
      `2026-03-15${returnId}${statement.returnDebits[0].unitId}修复经销单位承担的损失−¥90.00`,
    ]);
    await page.getByTestId('statement-return-debits').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'settlement-return-debits');
    const status = page.getByTestId('payment-status');
    await expect(status.textContent()).resolves.toContain('状态: 未发送');

    const send = page.getByRole('form', { name: '发送审核结果给服务站' });
    await send.getByLabel('说明（必填）').fill('3 月审核完成');
    await send.getByRole('button', { name: '发送审核结果给服务站' }).click();
    await expect.poll(() => status.textContent()).toContain('状态: 待开票');
    await expect(status.textContent()).resolves.toContain(`净额 ${yuan(net)}`);

    const invoice = page.getByRole('form', { name: '结算发票' });
    await invoice.getByLabel('发票号').fill('INV-301');
    await invoice.getByLabel('金额（元）').fill(((net + 150) / 100).toFixed(2));
    await invoice.getByLabel('开票日期').fill('2026-04-02');
    await invoice.getByLabel('说明（必填）').fill('3 月发票');
    await invoice.getByRole('button', { name: '登记发票' }).click();
    await expect.poll(() => page.getByTestId('invoice-check').textContent()).toContain(`与结算净额 ${yuan(net)} 不符（差额 ¥1.50）`);
    await expect(status.textContent()).resolves.toContain('状态: 待开票');

    await invoice.getByLabel('金额（元）').fill((net / 100).toFixed(2));
    await invoice.getByRole('button', { name: '登记发票' }).click();
    await expect.poll(() => status.textContent()).toContain('状态: 发票已收');
    await expect(page.getByTestId('invoice-check').textContent()).resolves.toContain('与结算净额一致');

    const reject = page.getByRole('form', { name: '财务退回发票' });
    await reject.getByLabel('说明（必填）').fill('缺少税号');
    await reject.getByRole('button', { name: '财务退回发票' }).click();
    await expect.poll(() => status.textContent()).toContain('状态: 发票退回');

    await invoice.getByLabel('发票号').fill('INV-302');
    await invoice.getByLabel('金额（元）').fill((net / 100).toFixed(2));
    await invoice.getByLabel('说明（必填）').fill('补开含税号');
    await invoice.getByRole('button', { name: '登记发票' }).click();
    await expect.poll(() => status.textContent()).toContain('状态: 发票已收');

    const pay = page.getByRole('form', { name: '付款' });
    await pay.getByLabel('方式').selectOption({ label: '转为配件款' });
    await pay.getByLabel('金额（元）').fill('100.00');
    await pay.getByLabel('付款日期').fill('2026-04-10');
    await pay.getByLabel('说明（必填）').fill('服务站要求转配件款');
    await pay.getByRole('button', { name: '登记付款' }).click();
    await expect.poll(() => status.textContent()).toContain('状态: 部分支付');
    await expect(status.textContent()).resolves.toContain(`未付 ${yuan(net - 10_000)}`);

    await pay.getByLabel('方式').selectOption({ label: '转账到账户' });
    await pay.getByLabel('金额（元）').fill(((net - 10_000) / 100).toFixed(2));
    await pay.getByLabel('凭证号（可选）').fill('BANK-301');
    await pay.getByLabel('说明（必填）').fill('银行转账');
    await pay.getByRole('button', { name: '登记付款' }).click();
    await expect.poll(() => status.textContent()).toContain('状态: 已支付');
    await expect.poll(() => page.getByTestId('station-balance').textContent()).toContain(`配件款余额 ${yuan(10_000)}`);
    await expect(page.getByTestId('station-balance').textContent()).resolves.toContain(`转账合计 ${yuan(net - 10_000)}`);
    await expect(page.getByTestId('payment-steps').locator('tbody tr').count()).resolves.toBe(6);

    const view = (await request(h.app.app).get('/v1/statements/stations/S3/2026-03/payment').set(h.app.auth.auditor).expect(200)).body;
    expect(view).toMatchObject({ status: 'paid', netFen: net, paidFen: net, outstandingFen: 0 });
    expect(view.steps.map((s: { step: string }) => s.step)).toEqual(['result-sent', 'invoice-received', 'invoice-rejected', 'invoice-received', 'paid', 'paid']);
    await h.screenshot(page, 'settlement-payment');
    await h.expectAccessible(page);
  });
});
