import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';

/**
 * A policy owner's working copy: the shipped `rules/` and `policies/` copied into a temp folder,
 * edited by plain string replacement the way a person edits the JSON by hand.
 */

export const NEV_RULES = 'rules/nev-special-vehicle/2021-01-01.json';
export const EBIKE_RULES = 'rules/e-bike/2020-01-01.json';
export const NEV_POLICY = 'policies/nev-special-vehicle/2021-01-01.json';
export const EBIKE_POLICY = 'policies/e-bike/2020-01-01.json';

/** The small-three-electric term as shipped, and the draft that extends it to 48 months. */
export const SMALL_THREE_36 = '"params": {"term": "small-three-electric", "months": 36}';
export const SMALL_THREE_48 = '"params": {"term": "small-three-electric", "months": 48}';

export interface WorkingCopy {
  dir: string;
  rulesDir: string;
  policiesDir: string;
  /** Absolute path of a file named like `rules/e-bike/2020-01-01.json`. */
  file(relative: string): string;
  read(relative: string): Promise<string>;
  write(relative: string, text: string): Promise<void>;
  /** Replaces the one occurrence of `from` in the file; returns the edited text. */
  edit(relative: string, from: string, to: string): Promise<string>;
  remove(): Promise<void>;
}

/**
 * Copies the shipped rule and policy files (not the shipped cases: they pin today's numbers, and a
 * draft is expected to change them) into a fresh temp folder.
 */
export async function copyShippedRules(): Promise<WorkingCopy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'warranty-policy-'));
  const rulesDir = path.join(dir, 'rules');
  const policiesDir = path.join(dir, 'policies');
  await cp(defaultRulesDir(), rulesDir, { recursive: true, filter: (source) => path.basename(source) !== 'cases' });
  await cp(defaultPoliciesDir(), policiesDir, { recursive: true });
  const file = (relative: string) => path.join(dir, relative);
  const read = (relative: string) => readFile(file(relative), 'utf8');
  const write = (relative: string, text: string) => writeFile(file(relative), text);
  return {
    dir,
    rulesDir,
    policiesDir,
    file,
    read,
    write,
    async edit(relative, from, to) {
      const text = replaceOnce(await read(relative), from, to);
      await write(relative, text);
      return text;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `text` with its single occurrence of `from` replaced; fails loudly when the shipped file moved on. */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0) throw new Error(`the text to replace is not in the file: ${from}`);
  if (text.indexOf(from, first + 1) >= 0) throw new Error(`the text to replace occurs more than once: ${from}`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/**
 * 1-based line and column of `marker` inside the single occurrence of `snippet` in `text`: where an
 * editor puts the cursor, computed here without the validator's own position code.
 */
export function positionIn(text: string, snippet: string, marker: string = snippet): { line: number; column: number } {
  const start = text.indexOf(snippet);
  if (start < 0 || text.indexOf(snippet, start + 1) >= 0) throw new Error(`expected exactly one occurrence of ${snippet}`);
  const within = snippet.indexOf(marker);
  if (within < 0) throw new Error(`${marker} is not inside ${snippet}`);
  const before = text.slice(0, start + within).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

/** The index of a named rule in a rule file, for the JSON path of a problem. */
export function ruleIndex(text: string, name: string): number {
  const index = (JSON.parse(text) as { rules: Array<{ name: string }> }).rules.findIndex((r) => r.name === name);
  if (index < 0) throw new Error(`no rule ${name}`);
  return index;
}
