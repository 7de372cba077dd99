import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { registerDemoUnits } from '../e2e/fixtures.js';

// The dealer's pre-check on a phone: VIN or frame serial (and odometer) → each component's coverage.

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
  await registerDemoUnits(h.app);
}, 180_000);
afterAll(() => h?.close());

const PHONE = { width: 390, height: 844 };

describe('pre-check page', { timeout: 90_000 }, () => {
  it("shows a dealer on a 390-pixel phone the battery's last covered day and km left for a VIN and odometer", async () => {
    const page = await h.newPage(PHONE);
    await h.signIn(page, 'dealer');
    await h.open(page, '/console/pre-check');
    await page.getByLabel('VIN（17 位）').fill('LB9BL518XM0000042');
    await page.getByLabel('里程表读数').fill('150000');
    await page.getByLabel('日期').fill('2026-03-14');
    await page.getByRole('button', { name: '预检' }).click();

    const battery = page.locator('li[data-component="traction-battery"]');
    await battery.waitFor();
    await expect(battery.getByTestId('last-covered-day').textContent()).resolves.toBe('2026-03-14');
    await expect(battery.textContent()).resolves.toContain('50,000 公里（限 200,000 公里）');
    await expect(battery.textContent()).resolves.toContain('✓ 在保');
    const steering = page.locator('li[data-component="electric-steering"]');
    await expect(steering.textContent()).resolves.toContain('✗ 不在保');
    await expect(steering.getByTestId('last-covered-day').textContent()).resolves.toBe('2024-03-14');
    // Readable on the phone: nothing wider than the screen.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await h.screenshot(page, 'pre-check');
    await h.expectAccessible(page);
  });

  it("shows an e-bike's exchange window, open on the 7th day after sale", async () => {
    const page = await h.newPage(PHONE);
    await h.signIn(page, 'dealer');
    await h.open(page, '/console/pre-check');
    await page.getByLabel('车架号', { exact: true }).check();
    await page.locator('#pre-check-identity').fill('FS25A0000001');
    await page.getByLabel('日期').fill('2025-01-16');
    await page.getByRole('button', { name: '预检' }).click();
    const window = page.getByTestId('exchange-window');
    await expect(window.textContent()).resolves.toContain('仍在期内：售出后 7 天内（至 2025-01-16）');
    await expect(page.locator('li[data-component="frame"]').count()).resolves.toBe(1);
    await h.screenshot(page, 'pre-check-e-bike');
    await h.expectAccessible(page);
  });

  it('refuses a dealer the rules page, and its navigation has only the pre-check', async () => {
    const page = await h.newPage(PHONE);
    await h.signIn(page, 'dealer');
    await expect(page.getByRole('navigation').getByRole('link').allTextContents()).resolves.toEqual(['保修预检']);
    await h.open(page, '/console/rules');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('无权访问');
  });
});
