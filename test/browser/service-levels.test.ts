import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { startConsole, type ConsoleHarness } from './harness.js';
import { buildClaim, buildNevUnit, decide, registerUnit } from '../e2e/fixtures.js';

/**
 * The service-levels page in a real Chromium: three claims of station S4 with the times of their
 * service (SPEC §10) are decided through the API; the page gives the share within each limit of the
 * policy, the late cases by claim number, and the CSV.
 */
let h: ConsoleHarness;
const at = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`;
beforeAll(async () => {
  h = await startConsole({ now: '2026-03-20T04:00:00Z' });
  const claim = async (claimNumber: string, serviceLevel: Record<string, unknown>) =>
    decide(h.app, buildClaim(await registerUnit(h.app, buildNevUnit()), { stationId: 'S4', claimNumber, serviceLevel } as never));
  await claim('CLM-SL-ONTIME', { reportedAt: at(15, '08:00'), dispatchedAt: at(15, '08:40'), arrivedAt: at(15, '11:30'), distanceBand: 'city', workStartedAt: at(15, '11:40'), completedAt: at(15, '13:00'), difficulty: 'simple' });
  await claim('CLM-SL-LATE', { reportedAt: at(15, '08:00'), dispatchedAt: at(15, '09:30'), arrivedAt: at(15, '15:00'), distanceBand: 'within-100km', workStartedAt: at(15, '15:00'), completedAt: at(15, '20:00'), difficulty: 'general' });
  await claim('CLM-SL-WAIT', { customerArrivedAt: at(16, '09:00'), workStartedAt: at(16, '09:45'), completedAt: at(16, '10:30'), difficulty: 'simple' });
});
afterAll(() => h?.close());

describe('the service-levels page', () => {
  it('shows the share within each limit, names the late cases and downloads the CSV', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/service-levels');
    await page.getByRole('heading', { name: '服务时效', exact: true }).waitFor();
    await page.getByLabel('服务站').fill('S4');
    await page.getByLabel('自', { exact: true }).fill('2026-03-01');
    await page.getByLabel('至', { exact: true }).fill('2026-03-31');
    await page.getByRole('button', { name: '显示' }).click();
    await page.getByTestId('service-level-late').waitFor();
    const cells = async (limit: string) => page.getByTestId(`limit-${limit}`).locator('td').allTextContents();
    // dispatch: 40 and 90 minutes against 60; wait: 45 against 30; fix: 80, 300 and 45 minutes, all within.
    await expect(cells('dispatch')).resolves.toEqual(['2', '1', '1', '0', '50%']);
    await expect(cells('on-site')).resolves.toEqual(['2', '1', '1', '0', '50%']);
    await expect(cells('wait')).resolves.toEqual(['1', '0', '1', '0', '0%']);
    await expect(cells('fix')).resolves.toEqual(['3', '3', '0', '0', '100%']);
    const late = await page.getByTestId('service-level-late').locator('tbody tr').allTextContents();
    expect(late).toEqual(['CLM-SL-LATE派工906030', 'CLM-SL-LATE到达现场42036060', 'CLM-SL-WAIT客户等待453015']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('withinPct');
    expect(csv).toContain('CLM-SL-WAIT 45/30 min');
    await h.screenshot(page, 'service-levels');
    await h.expectAccessible(page);
  });

  it('refuses the page to a dealer', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'dealer');
    await h.open(page, '/console/service-levels');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
  });
});
