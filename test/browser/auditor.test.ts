import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { batteryJob, buildClaim, buildNevUnit, decide, registerUnit } from '../e2e/fixtures.js';
import { registerBareNevUnit } from '../lifecycle/preauthorisation-helpers.js';

/**
 * The settlement auditor's day in a real Chromium: the queue, a pended claim approved with a note,
 * search by VIN, the station's statement with its CSV, the language switch, and a dealer refused.
 * A battery repair on a unit with no pre-authorisation is pended AC; one with it is approved.
 */
let h: ConsoleHarness;
let pendedClaim = '';
let pendedVin = '';
beforeAll(async () => {
  h = await startConsole({ now: '2026-03-20T04:00:00Z' });
  const bare = await registerBareNevUnit(h.app);
  pendedVin = bare.vin!;
  const pended = await decide(h.app, buildClaim(bare, { claimNumber: 'CLM-PEND-1', jobs: [batteryJob()], preAuthorisationNumber: undefined }));
  expect(pended.status).toBe('pended');
  pendedClaim = pended.claimNumber;
  const unit = await registerUnit(h.app, buildNevUnit());
  expect((await decide(h.app, buildClaim(unit, { claimNumber: 'CLM-PAID-1' }))).status).not.toBe('pended');
});
afterAll(() => h?.close());

/** The settlement page of a signed-in auditor, asked for one station's month. */
async function showStatement(page: Awaited<ReturnType<ConsoleHarness['newPage']>>, stationId: string, month: string): Promise<void> {
  await h.signIn(page, 'auditor');
  await h.open(page, '/console/settlement');
  await page.getByLabel('服务站', { exact: true }).fill(stationId);
  await page.getByLabel('月份').fill(month);
  await page.getByRole('button', { name: '显示' }).click();
}

describe('the auditor in the console', () => {
  it('opens a pended claim from the queue, approves it with a note, and the API shows decision version 2 with that note', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/reviews');
    await page.getByRole('heading', { name: '待审队列' }).waitFor();
    await page.getByRole('link', { name: pendedClaim }).waitFor();
    await expect(page.locator('.chips').textContent()).resolves.toMatch(/AC · .+: 1/);
    await h.screenshot(page, 'reviews');
    await h.expectAccessible(page);

    await page.getByRole('link', { name: pendedClaim }).click();
    await page.getByTestId('decision-version').waitFor();
    await expect(page.getByTestId('decision-version').textContent()).resolves.toBe('1');
    await page.getByText('规则追踪').waitFor();
    await page.locator('details.rule summary').first().click();
    await h.screenshot(page, 'claim');
    await h.expectAccessible(page);

    await page.getByLabel('审核说明（必填）').fill('电池更换经电话确认，批准');
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByTestId('version-2').waitFor();
    await expect(page.getByTestId('decision-version').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('version-2').textContent()).resolves.toContain('电池更换经电话确认，批准');
    await h.screenshot(page, 'claim-approved');

    const read = await request(h.app.app).get(`/v1/claims/${pendedClaim}`).set(h.app.auth.auditor).expect(200);
    expect(read.body.decisionVersion).toBe(2);
    expect(read.body.status).not.toBe('pended');
    expect(read.body.versions[1]).toMatchObject({ version: 2, note: '电池更换经电话确认，批准', decidedBy: expect.stringMatching(/:auditor$/) });
  });

  it('finds a claim by its VIN', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/search');
    await page.getByLabel('VIN').fill(pendedVin);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('link', { name: pendedClaim }).waitFor();
    await expect(page.getByRole('link', { name: 'CLM-PAID-1' }).count()).resolves.toBe(0);
    await h.screenshot(page, 'search');
    await h.expectAccessible(page);
  });

  it('shows the station statement total for the month and downloads it as CSV', async () => {
    const page = await h.newPage();
    await showStatement(page, 'S1', '2026-03');
    await page.getByTestId('statement-total').waitFor();
    const statement = (await request(h.app.app).get('/v1/statements/stations/S1?month=2026-03').set(h.app.auth.auditor).expect(200)).body;
    expect(statement.totals.paidFen).toBeGreaterThan(0);
    const yuan = (statement.totals.paidFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });
    await expect.poll(() => page.getByTestId('statement-total').textContent()).toContain(yuan);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).first().click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('claimNumber');
    expect(csv).toContain('CLM-PAID-1');
    await page.waitForLoadState('networkidle');
    // The standard is the policy's (accuracyStandard.overallPct), given by the accuracy API.
    await expect(page.locator('canvas').getAttribute('aria-label')).resolves.toContain('标准 95%');
    await h.screenshot(page, 'settlement');
    await h.expectAccessible(page);
  });

  it("shows nothing of the last station's statement while the next one loads", async () => {
    const page = await h.newPage();
    await showStatement(page, 'S1', '2026-03');
    await expect.poll(() => page.getByTestId('statement-total').textContent()).not.toContain('（0 行）');
    // S9's statement is held on its way, so what the page shows meanwhile can be read.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route((url) => url.pathname === '/v1/statements/stations/S9', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('服务站', { exact: true }).fill('S9');
    await page.getByRole('button', { name: '显示' }).click();
    await page.getByRole('heading', { name: '服务站 S9 2026-03 月结算单' }).waitFor();
    await expect(page.getByTestId('statement-total').count()).resolves.toBe(0);
    release();
    await expect.poll(() => page.getByTestId('statement-total').textContent()).toBe('支付合计 ¥0.00（0 行）');
  });

  it('switches the language to English and keeps the choice after a reload', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/reviews');
    await page.getByRole('heading', { name: '待审队列' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents()).resolves.toEqual(['Review queue', 'Search', 'Settlement', 'Old parts', 'Service levels', 'Returns', 'Campaigns']);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await h.screenshot(page, 'reviews-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '待审队列' }).waitFor();
  });

  it('refuses the review queue to a dealer, on the page and in the API', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'dealer');
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual(['保修预检']);
    await h.open(page, '/console/reviews');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    const status = await page.evaluate(async () => (await fetch('/v1/reviews')).status);
    expect(status).toBe(403);
    await h.screenshot(page, 'not-allowed');
    await h.expectAccessible(page);
  });
});
