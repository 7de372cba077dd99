import { AppError } from './app-error.js';
import { formatProblem, type Problem } from '../rules/validation/problem.js';

/** Rule or policy files with errors: each with file, line, column, JSON path and message. */
export class RuleFileError extends AppError {
  constructor(readonly problems: Problem[]) {
    super(422, 'rule-files-invalid', `${problems.length} problem(s) in rule or policy files:\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'), { problems });
  }
}
