import { closest, distance } from 'fastest-levenshtein';

/** The known word close enough to an unknown one to be what was meant, or null. */
export function closestWord(word: string, known: readonly string[]): string | null {
  if (known.length === 0) return null;
  const best = closest(word, [...known]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** ` (did you mean "category"?)` when a known word is close to the unknown one. */
export function didYouMean(word: string, known: readonly string[]): string {
  const best = closestWord(word, known);
  return best === null ? '' : ` (did you mean "${best}"?)`;
}
