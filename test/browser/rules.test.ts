import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from './harness.js';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { NEV_RULES, SMALL_THREE_36, positionIn, replaceOnce } from '../policy/rule-files.js';

// The policy owner's rule set page: versions, a rule set's rules, its cases with results, coverage,
// and the draft check showing a problem at its line and column.

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
}, 180_000);
afterAll(() => h?.close());

describe('rule sets page', { timeout: 90_000 }, () => {
  it("shows a policy owner the rule set versions with windows and hashes, the NEV rules, and a case's result", async () => {
    const page = await h.newPage();
    await h.signIn(page, 'policyOwner');
    await h.open(page, '/console/rules');
    const nev = h.app.ruleBook.ruleSets.find((r) => r.file.productLine === 'nev-special-vehicle')!;
    const versions = page.locator('table.versions');
    await versions.waitFor();
    const row = versions.locator('tr', { hasText: nev.hash.replace(/^sha256:/, '').slice(0, 12) });
    await expect(row.textContent()).resolves.toContain(`${nev.file.effective.from} 起`);

    await page.getByRole('button', { name: `查看规则集 ${nev.file.id} ${nev.file.version}` }).click();
    await page.getByRole('heading', { name: `规则：${nev.file.id} ${nev.file.version}` }).waitFor();
    // A rule opens to its condition tree.
    const rule = page.locator('details[data-rule="nev.term.small-three-electric"]');
    await rule.locator('summary').click();
    await expect(rule.textContent()).resolves.toMatch(/category.*equal.*"small-three-electric"/);
    await expect(rule.locator('summary').textContent()).resolves.toContain('months: 36');

    const battery = page.locator('tr[data-case="a battery repair above 20,000.00 of parts without a pre-authorisation is pended AC"]');
    await expect(battery.textContent()).resolves.toContain('✓ 通过');
    await expect(page.getByTestId('cases-summary').textContent()).resolves.toMatch(/^通过 \d+ 个，失败 0 个$/);
    await expect(page.locator('table.coverage tr', { hasText: 'nev.term.expired' }).count()).resolves.toBe(1);
    await h.screenshot(page, 'rules');
    await h.expectAccessible(page);
  });

  it('checks a pasted draft with an error and marks it at its line and column in the text', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'policyOwner');
    await h.open(page, '/console/rules');
    const shipped = await readFile(path.join(PACKAGE_ROOT, NEV_RULES), 'utf8');
    const broken = '"params": {"term": "small-three-electric", "months": "48"}';
    const text = replaceOnce(shipped, SMALL_THREE_36, broken);
    const at = positionIn(text, broken, '"months"');

    await page.getByLabel('文件路径').fill(NEV_RULES);
    await page.getByLabel('草稿内容').fill(text);
    await page.getByRole('button', { name: '检查草稿' }).click();
    await expect(page.getByTestId('draft-summary').textContent()).resolves.toBe('1 个错误，0 个警告');
    await expect(page.locator('.problems li').first().textContent()).resolves.toContain(`${NEV_RULES}:${at.line}:${at.column}`);
    const marked = page.locator(`.marked-text tr[data-line="${at.line}"]`);
    await expect(marked.getAttribute('class')).resolves.toContain('has-error');
    await expect(marked.textContent()).resolves.toContain(broken);
    const mark = page.locator(`.marked-text tr[data-mark-line="${at.line}"]`);
    await expect(mark.getAttribute('data-mark-column')).resolves.toBe(String(at.column));
    await expect(mark.textContent()).resolves.toContain('expected number, received string');
    await mark.scrollIntoViewIfNeeded();
    await h.screenshot(page, 'rules-draft-check');
    await h.expectAccessible(page);
  });

  it('refuses an auditor the rules page', async () => {
    const page = await h.newPage();
    await h.signIn(page, 'auditor');
    await h.open(page, '/console/rules');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('无权访问');
    await expect(page.locator('table.versions').count()).resolves.toBe(0);
  });
});
