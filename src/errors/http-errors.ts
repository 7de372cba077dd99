import { AppError } from './app-error.js';

export interface FieldProblem {
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(errors: FieldProblem[], detail = 'the request is not valid') {
    super(400, 'validation-failed', detail, { errors });
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super(404, 'not-found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(409, code, detail, extra);
  }
}

export class UnauthorisedError extends AppError {
  constructor(detail = 'an API key is required: Authorization: Bearer <key>') {
    super(401, 'unauthorised', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super(403, 'forbidden', detail);
  }
}

/** zod issues → field problems with dotted paths. */
export function fieldProblems(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, prefix = ''): FieldProblem[] {
  return issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)', message: issue.message }));
}
