/** Rows as an aligned plain-text table with a header (numbers right-aligned), for `--format table`. */
export function formatTable(rows: ReadonlyArray<Record<string, string | number | null | undefined>>, columns?: string[]): string {
  const names = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const widths = names.map((n) => Math.max(n.length, ...rows.map((r) => cell(r[n]).length)));
  const line = (values: Array<string | number | null | undefined>, numeric: boolean[]) =>
    values.map((v, i) => (numeric[i] ? cell(v).padStart(widths[i]!) : cell(v).padEnd(widths[i]!))).join('  ').trimEnd();
  const numeric = names.map((n) => rows.length > 0 && rows.every((r) => typeof r[n] === 'number' || r[n] === null || r[n] === undefined));
  return [line(names, numeric), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(names.map((n) => r[n]), numeric))].join('\n') + '\n';
}

/** Fen as yuan with two decimals: 1234567 → 12,345.67 */
export const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
