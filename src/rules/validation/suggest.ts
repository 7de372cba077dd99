import { closest, distance } from 'fastest-levenshtein';

/** ` (did you mean "category"?)` when a known word is close to the unknown one. */
export function didYouMean(word: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(word, [...known]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}
