import { AppError } from './app-error.js';

/** A claim whose dates contradict the registry (SPEC §3.3): a data error, not a decision. */
export class ClaimDataError extends AppError {
  constructor(field: string, message: string) {
    super(400, 'claim-data-error', message, { errors: [{ path: field, message }] });
  }
}
