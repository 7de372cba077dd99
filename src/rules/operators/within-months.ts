import { Operator } from 'json-rules-engine';
import { isWithinTerm, type DateInterval } from '../../terms/term-arithmetic.js';
import { isInterval } from './interval.js';

/** `{ fact: "saleToFailure", operator: "withinMonths", value: 24 }`: from ≤ to < from + 24 months. */
export function withinMonths(zone: string): Operator<DateInterval, number> {
  return new Operator<DateInterval, number>('withinMonths', (interval, months) => isWithinTerm(interval.from, interval.to, { months }, zone), isInterval);
}
