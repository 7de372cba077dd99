/**
 * Browser test harness: the real app (createTestApp: embedded database, or PostgreSQL with
 * DATABASE_URL) on an HTTP server on an ephemeral port, driven by Debian's Chromium through
 * playwright-core (no browser download). vitest's globalSetup has built console/dist already.
 *
 *   import { startConsole } from './harness.js';
 *   let h: ConsoleHarness;
 *   beforeAll(async () => { h = await startConsole(); });      // options: { now: '2026-03-20T04:00:00Z' }
 *   afterAll(() => h.close());
 *   it('…', async () => {
 *     const page = await h.newPage();                           // 1280×800, fresh cookies
 *     await h.signIn(page, 'policyOwner');                      // 'admin' | 'auditor' | 'dealer' | 'dealerS2' | 'policyOwner'
 *     await h.open(page, '/console/rules');
 *     await expect(page.getByRole('heading', { name: '规则集' }).isVisible()).resolves.toBe(true);
 *     await h.screenshot(page, 'rules');                        // test/browser/screenshots/rules.png
 *     await h.expectAccessible(page);                           // axe-core: no serious or critical violation
 *   });
 *
 * h.app is the TestApp (h.app.auth.auditor is a Bearer header for supertest / fetch; h.app.db the
 * database); h.baseUrl the server's address. CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';

export type HarnessRole = keyof TestApp['auth'];

export interface ConsoleHarness {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A new page in its own browser context (no cookies shared), 1280×800 unless given. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Signs in on /console/ with the role's test key and waits for the shell. */
  signIn(page: Page, role: HarnessRole): Promise<void>;
  /** Goes to a path of the app (e.g. /console/reviews) and waits for the network to settle. */
  open(page: Page, pathname: string): Promise<void>;
  /** A full-page PNG into test/browser/screenshots/<name>.png; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Runs axe-core on the page and throws listing every serious or critical violation. */
  expectAccessible(page: Page): Promise<void>;
  close(): Promise<void>;
}

export const SCREENSHOTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function startConsole(options: Parameters<typeof createTestApp>[0] = {}): Promise<ConsoleHarness> {
  const app = await createTestApp(options);
  const server = http.createServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const keyOf = (role: HarnessRole) => app.auth[role].Authorization.replace(/^Bearer /, '');
  const harness: ConsoleHarness = {
    app,
    baseUrl,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'zh-CN', bypassCSP: true }); // axe is injected as a script tag
      return context.newPage();
    },
    async signIn(page, role) {
      await harness.open(page, '/console/');
      await page.getByLabel('API', { exact: false }).fill(keyOf(role));
      await page.getByRole('button', { name: /登录|Sign in/ }).click();
      await page.getByTestId('signed-in-role').waitFor();
    },
    async open(page, pathname) {
      await page.goto(baseUrl + pathname);
      await page.waitForLoadState('networkidle');
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async expectAccessible(page) {
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
        const result = await axe.run(document);
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
      });
      if (violations.length > 0) throw new Error(`axe-core found serious or critical violations on ${page.url()}:\n${violations.join('\n')}`);
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
  return harness;
}
