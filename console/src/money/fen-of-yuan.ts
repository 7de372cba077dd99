/** An amount typed in yuan ("1234.5", "1,234.56") as integer fen, exactly (no float rounding); null when it is not one. */
export function fenOfYuan(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/[,，\s]/g, ''));
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Fen as a plain yuan figure for an input ("1234.50"). */
export const yuanOfFen = (fen: number) => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
