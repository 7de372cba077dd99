export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  /** JSON path inside the file, e.g. `rules[3].conditions.all[0].fact`. */
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity}: ${p.message}${p.path ? ` (at ${p.path})` : ''}`;
}
