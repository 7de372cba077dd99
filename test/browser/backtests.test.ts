import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { NEV_RULES, SMALL_THREE_36, SMALL_THREE_48, replaceOnce } from '../policy/rule-files.js';
import { expectedChanges, pickSmallThreeClaims, storeHistory } from '../policy/small-three-history.js';

// A policy owner backtests the draft that extends the small-three-electric term from 36 to 48
// months over a stored history: the page shows progress, then the changed claims the stored
// decisions alone say should change, with the rule whose result changed.

let h: ConsoleHarness;
let expected: string[];
beforeAll(async () => {
  h = await startConsole();
  await storeHistory(h.app.db, h.app.ruleBook, pickSmallThreeClaims(14, 6));
  expected = await expectedChanges(h.app.db);
}, 180_000);
afterAll(() => h?.close());

describe('backtests page', { timeout: 120_000 }, () => {
  it("runs a policy owner's 36 → 48 months draft and shows the expected changed claims, the transition matrix and the payout charts", async () => {
    expect(expected.length).toBeGreaterThan(0);
    const page = await h.newPage();
    await h.signIn(page, 'policyOwner');
    await h.open(page, '/console/backtests');
    const draft = replaceOnce(await readFile(path.join(PACKAGE_ROOT, NEV_RULES), 'utf8'), SMALL_THREE_36, SMALL_THREE_48);
    await page.getByLabel('文件路径').fill(NEV_RULES);
    await page.getByLabel('草稿内容').fill(draft);
    await page.getByLabel('产品线').selectOption('nev-special-vehicle');
    await page.getByRole('button', { name: '运行回测' }).click();

    await page.getByTestId('backtest-summary').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('backtest-progress').getAttribute('data-status')).resolves.toBe('done');
    const shown = await page.locator('table.changes tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim')));
    expect(shown.sort()).toEqual(expected);
    await expect(page.getByTestId('backtest-summary').textContent()).resolves.toMatch(new RegExp(`其中 ${expected.length} 笔结果改变`));
    // Each changed claim was denied EW and is covered under the draft: the expiry rule no longer fires.
    const first = page.locator('table.changes tbody tr').first();
    await expect(first.textContent()).resolves.toMatch(/拒赔.*EW/);
    await expect(first.textContent()).resolves.toContain('nev.term.expired');
    await expect(first.textContent()).resolves.toContain('触发 → 未触发');
    await expect(page.getByTestId('transition-matrix').locator('td.filled').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('payout-by-party').locator('canvas').count()).resolves.toBe(1);
    await expect(page.getByTestId('payout-by-station').locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await h.screenshot(page, 'backtests');
    await h.expectAccessible(page);
  });

  it('shows the problems of a broken draft instead of running it', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'policyOwner');
    await h.open(page, '/console/backtests');
    const broken = replaceOnce(await readFile(path.join(PACKAGE_ROOT, NEV_RULES), 'utf8'), SMALL_THREE_36, '"params": {"term": "small-three-electric", "months": "48"}');
    await page.getByLabel('文件路径').fill(NEV_RULES);
    await page.getByLabel('草稿内容').fill(broken);
    await page.getByRole('button', { name: '运行回测' }).click();
    await expect(page.locator('.problems li').first().textContent()).resolves.toContain('expected number, received string');
    await expect(page.getByTestId('backtest-summary').count()).resolves.toBe(0);
  });
});
