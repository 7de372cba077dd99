import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { DateTime } from 'luxon';
import type { z } from '../zod.js';
import { JsonSource } from '../rules/validation/json-source.js';
import { unknownFields } from '../app/validate.js';

/** A message for the person at the terminal: printed as is, without a stack. */
export class CliError extends Error {}

/** commander parser for a calendar date: `2026-13-45` is not one. */
export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value, { zone: 'UTC' }).isValid) {
    throw new InvalidArgumentError(`${value} is not a date YYYY-MM-DD`);
  }
  return value;
}

/** commander parser for a whole number ≥ 1 (a key id). */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`${value} is not a whole number ≥ 1`);
  return Number(value);
}

/** commander parser for one of a few words. */
export function oneOf<const T extends string>(...choices: T[]): (value: string) => T {
  return (value) => {
    if (!(choices as string[]).includes(value)) throw new InvalidArgumentError(`${value} is not one of ${choices.join(', ')}`);
    return value as T;
  };
}

/** A directory that must exist, with what it is for in the message when it does not. */
export function requireDirectory(dir: string, what: string): string {
  if (!existsSync(dir)) throw new CliError(`the ${what} directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new CliError(`the ${what} directory ${dir} is not a directory`);
  return dir;
}

/** The text of a file, or a clean message naming it. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file (the ${what})`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory, not the ${what} file`);
    if (code === 'EACCES') throw new CliError(`${file}: not allowed to read it (the ${what})`);
    throw new CliError(`${file}: cannot be read (${code ?? (error as Error).message})`);
  }
}

/**
 * A JSON file checked with its schema, strictly (an unknown field is an error, as in the API); each
 * problem as `file:line:column: what path: message`, the way `warranty rules validate` reports.
 */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, what: string, prepare: (value: unknown) => unknown = (v) => v): Promise<z.infer<S>> {
  const source = new JsonSource(file, await readText(file, what));
  if (source.syntaxErrors.length > 0) {
    throw new CliError(source.syntaxErrors.map((e) => `${file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  }
  const value = prepare(source.value);
  const unknown = unknownFields(schema, value, []).map((p) => ({ path: p.path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)), message: p.message }));
  const parsed = schema.safeParse(value);
  const issues = [...unknown, ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map((k) => (typeof k === 'number' ? k : String(k))), message: i.message })))];
  if (issues.length > 0 || !parsed.success) {
    const offset = value === source.value ? [] : ['items'];
    throw new CliError(
      `${file} is not a valid ${what}:\n` +
        issues.map((i) => {
          const at = source.locate([...offset, ...i.path]);
          return `  ${file}:${at.line}:${at.column}: ${what} ${i.path.join('.') || '(root)'}: ${i.message}`;
        }).join('\n'),
    );
  }
  return parsed.data;
}
