import { Operator } from 'json-rules-engine';
import { isWithinTerm, type DateInterval } from '../../terms/term-arithmetic.js';
import { isInterval } from './interval.js';

/** `{ fact: "saleToFailure", operator: "withinDays", value: 7 }`: from ≤ to < from + 7 days. */
export function withinDays(zone: string): Operator<DateInterval, number> {
  return new Operator<DateInterval, number>('withinDays', (interval, days) => isWithinTerm(interval.from, interval.to, { days }, zone), isInterval);
}
