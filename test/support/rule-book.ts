import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRuleBook, type RuleBook } from '../../src/rules/rule-book.js';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';

let shipped: Promise<RuleBook> | undefined;

/** The rule book that ships in `rules/` and `policies/`, loaded once per test file. */
export function shippedRuleBook(): Promise<RuleBook> {
  shipped ??= loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
  return shipped;
}

/** A scratch copy of the shipped `rules/` and `policies/` a test may edit as a policy owner would. */
export interface RuleBookCopy {
  rulesDir: string;
  policiesDir: string;
  /** Replaces one exact piece of text in a file of the copy (relative to its root); fails when it is not there exactly once. */
  edit(file: string, from: string, to: string): Promise<void>;
  /** Adds (or replaces) a JSON file in the copy, e.g. a new policy version. */
  writeJson(file: string, value: unknown): Promise<void>;
  readJson<T = Record<string, unknown>>(file: string): Promise<T>;
  load(): Promise<RuleBook>;
  remove(): Promise<void>;
}

export async function copyShippedRuleBook(): Promise<RuleBookCopy> {
  const root = await mkdtemp(path.join(tmpdir(), 'warranty-rules-'));
  const rulesDir = path.join(root, 'rules');
  const policiesDir = path.join(root, 'policies');
  await cp(defaultRulesDir(), rulesDir, { recursive: true });
  await cp(defaultPoliciesDir(), policiesDir, { recursive: true });
  return {
    rulesDir,
    policiesDir,
    async edit(file, from, to) {
      const full = path.join(root, file);
      const text = await readFile(full, 'utf8');
      const count = text.split(from).length - 1;
      if (count !== 1) throw new Error(`expected ${JSON.stringify(from)} once in ${file}, found it ${count} times`);
      await writeFile(full, text.replace(from, to));
    },
    async writeJson(file, value) {
      await writeFile(path.join(root, file), JSON.stringify(value, null, 2) + '\n');
    },
    async readJson<T>(file: string) {
      return JSON.parse(await readFile(path.join(root, file), 'utf8')) as T;
    },
    load: () => loadRuleBook(rulesDir, policiesDir),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
