import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { buildClaim, buildNevUnit, decide, registerUnit } from '../e2e/fixtures.js';

/**
 * Goodwill in a real Chromium: a battery of a unit sold on 2021-01-10 fails in its 63rd month and is
 * denied (EW) through the API; the auditor grants goodwill on the claim page with a note and sees the
 * policy table's split; the settlement page shows it apart from warranty, on the statement and in the
 * goodwill report.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ now: '2026-03-20T04:00:00Z' });
  const decided = await decide(h.app, buildClaim(await registerUnit(h.app, buildNevUnit({ saleDate: '2021-01-10' })), { stationId: 'S5', claimNumber: 'CLM-GW-1' }));
  expect(decided.jobs[0].lines[0]).toMatchObject({ lineId: 'J1/causal', status: 'denied' });
});
afterAll(() => h?.close());

describe('goodwill in the console', () => {
  it('grants goodwill on a denied battery line with a note and shows the split, then the statement shows it apart', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/claims/CLM-GW-1?stationId=S5');
    await page.getByRole('heading', { name: '善意补偿', exact: true }).waitFor();
    const form = page.getByRole('form', { name: '给予善意补偿' });
    await form.getByLabel('拒赔明细').selectOption('J1/causal');
    await form.getByLabel('补偿说明（必填）').fill('老客户车队，电芯故障，超期 3 个月');
    await form.getByRole('button', { name: '给予善意补偿' }).click();
    const row = page.getByTestId('goodwill-J1/causal');
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      '2026-03-20', 'J1/causal', '3 个月 / 0 公里', '¥68,000.00', '¥34,000.00', '¥20,400.00 (SUP-BATT-01)', '¥13,600.00', '老客户车队，电芯故障，超期 3 个月',
    ]);
    const listed = (await request(h.app.app).get('/v1/claims/CLM-GW-1/goodwill').query({ stationId: 'S5' }).set(h.app.auth.auditor).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ lineId: 'J1/causal', manufacturerFen: 3_400_000, supplierFen: 2_040_000, customerFen: 1_360_000, note: '老客户车队，电芯故障，超期 3 个月' })]);
    await h.screenshot(page, 'claim-goodwill');
    await h.expectAccessible(page);

    await h.open(page, '/console/settlement');
    await page.getByLabel('服务站', { exact: true }).fill('S5');
    await page.getByLabel('月份').fill('2026-03');
    await page.getByRole('button', { name: '显示' }).click();
    await page.getByTestId('statement-goodwill').waitFor();
    await expect(page.getByTestId('statement-net').textContent()).resolves.toContain('善意补偿 ¥54,400.00');
    await expect(page.getByTestId('statement-goodwill').locator('tbody tr').allTextContents()).resolves.toEqual([
      expect.stringContaining('CLM-GW-1J1/causal¥68,000.00¥34,000.00¥20,400.00 (SUP-BATT-01)¥13,600.00¥54,400.00'),
    ]);
    await expect(page.getByTestId('goodwill-totals').textContent()).resolves.toContain('供应商承担 ¥20,400.00');
    await h.screenshot(page, 'settlement-goodwill');
    await h.expectAccessible(page);
  });
});
