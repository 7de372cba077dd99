import { parse as parseCsv } from 'csv-parse/sync';
import { unitSchema, type Unit } from './unit-schema.js';
import { ValidationError } from '../errors/http-errors.js';

export interface ImportRow {
  row: number;
  unit?: Unit;
  errors?: Array<{ path: string; message: string }>;
}

function fromCsv(text: string): Array<Record<string, unknown>> {
  let records: Array<Record<string, string>>;
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  } catch (error) {
    // A broken CSV (a row that does not fit the header, an open quote) cannot be split into rows to report on.
    const message = (error as Error).message;
    throw new ValidationError([{ path: '(body)', message }], `the CSV cannot be read: ${message}`);
  }
  // Empty cells mean "not given", not an empty string.
  return records.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')));
}

function fromJsonLines(text: string): Array<Record<string, unknown> | Error> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        return new Error(`not valid JSON: ${(error as Error).message}`);
      }
    });
}

/** Parses a bulk upload (CSV with a header row, or JSON lines) into validated units and a per-row report of what is wrong. */
export function parseUnitImport(text: string, format: 'csv' | 'jsonl'): ImportRow[] {
  const records = format === 'csv' ? fromCsv(text) : fromJsonLines(text);
  return records.map((record, i) => {
    const row = i + 1;
    if (record instanceof Error) return { row, errors: [{ path: '', message: record.message }] };
    const parsed = unitSchema.safeParse(record);
    if (!parsed.success) return { row, errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
    return { row, unit: parsed.data };
  });
}
