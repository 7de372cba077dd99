import { AppError } from '../errors/app-error.js';
import type { VocabularyIssue } from './vocabulary.js';

/** Where a dealer system or an auditor reads the valid values of a product line on a date. */
export function vocabularyLink(productLine: string, date: string): string {
  return `/v1/product-lines/${encodeURIComponent(productLine)}?date=${date}`;
}

/**
 * A request names a component, failure mode, part number or labour operation its product line does
 * not know: 422, each unknown value with its path, a did-you-mean and where the valid list is.
 */
export class UnknownVocabularyError extends AppError {
  constructor(readonly issues: readonly VocabularyIssue[], productLine: string, date: string) {
    const list = vocabularyLink(productLine, date);
    super(
      422,
      'unknown-vocabulary',
      `${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. The valid values of ${productLine} are listed at GET ${list}`,
      { productLine, vocabulary: list, errors: issues.map((i) => ({ ...i, validValues: list })) },
    );
  }
}
