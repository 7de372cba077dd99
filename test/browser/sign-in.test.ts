import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(() => h?.close());

describe('console sign-in', () => {
  it('signs an auditor in with an API key and shows the shell with the role and its navigation only', async () => {
    const page = await h.newPage();
    await h.open(page, '/console/');
    await h.screenshot(page, 'sign-in');
    await h.expectAccessible(page);
    await h.signIn(page, 'auditor');
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toContain('结算审核员');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['待审队列', '查询', '结算', '旧件管理', '服务时效', '修换退', '召回与活动']);
    await expect(page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }) + document.cookie)).resolves.not.toMatch(/wk_|warranty_session/);
  });

  it('shows an error for a wrong key and stays on the sign-in page', async () => {
    const page = await h.newPage();
    await h.open(page, '/console/');
    await page.getByLabel('API').fill('wk_not-a-key');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('API 密钥无效');
    await expect(page.getByTestId('signed-in-role').count()).resolves.toBe(0);
  });

  it('signs out: the session ends and the sign-in page is back, also after a reload', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'dealer');
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('API').waitFor();
    await page.reload();
    await page.getByLabel('API').waitFor();
    await expect(page.getByTestId('signed-in-role').count()).resolves.toBe(0);
  });

  it('redirects / to the console', async () => {
    const response = await fetch(h.baseUrl + '/', { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console/');
  });
});
