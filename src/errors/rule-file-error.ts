import { AppError } from './app-error.js';

export interface FileProblem {
  file: string;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export class RuleFileError extends AppError {
  constructor(readonly problems: FileProblem[]) {
    super(422, 'rule-files-invalid', `${problems.length} problem(s) in rule or policy files:\n` + problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`).join('\n'), { problems });
  }
}
