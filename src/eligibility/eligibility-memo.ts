import { LRUCache } from 'lru-cache';
import type { RuleBook } from '../rules/rule-book.js';
import type { Unit } from '../units/unit-schema.js';
import type { EligibilityComponent } from './eligibility-schema.js';
import type { Eligibility } from './eligibility.js';

/**
 * Pre-check answers remembered per rule book. An answer is a pure function of the unit (registered
 * units are never changed), the date, the odometer, the components asked about and the rule book
 * (checkEligibility), and dealer systems ask the same VIN again and again. A reload brings a new book
 * and so a new memo. An unknown-vocabulary refusal throws, so it is never remembered.
 *
 * An answer is kept as the JSON it is sent as: a repeated question costs no JSON.stringify, and one
 * string holds a fraction of the heap of the object it was made from.
 */
export class EligibilityMemo {
  private book: RuleBook | null = null;
  private answers = new LRUCache<string, string>({ max: 5_000 });

  async get(book: RuleBook, unit: Unit, date: string, odometerKm: number | undefined, components: readonly EligibilityComponent[] | undefined, compute: () => Promise<Eligibility>): Promise<string> {
    if (book !== this.book) {
      this.book = book;
      this.answers.clear();
    }
    // The components as parsed (known keys only, in the schema's order), so equal questions have equal keys.
    const key = `${unit.unitId}\u0000${date}\u0000${odometerKm ?? ''}\u0000${components === undefined ? '' : JSON.stringify(components)}`;
    const known = this.answers.get(key);
    if (known) return known;
    const answer = JSON.stringify(await compute());
    // A request that took the old book while a reload swapped it is answered, but not remembered under the new one.
    if (book === this.book) this.answers.set(key, answer);
    return answer;
  }
}
