import type { PolicyFile, TermStart } from '../policies/policy-schema.js';
import type { Unit } from '../units/unit-schema.js';

/** The date a unit's terms run from under a policy, or null when the unit lacks the date the policy names. */
export interface TermStartOf {
  /** The unit field the policy counts from (`termStartsAt`). */
  field: TermStart;
  date: string | null;
}

/** Where the terms of this unit start: the sale date unless the policy names commissioning or delivery. */
export function termStartOf(unit: Unit, policy: Pick<PolicyFile, 'termStartsAt'>): TermStartOf {
  const field = policy.termStartsAt ?? 'saleDate';
  return { field, date: unit[field] ?? null };
}

/** The unit field a policy counts from, as an auditor reads it. */
export const TERM_START_WORDS: Record<TermStart, string> = {
  saleDate: 'sale date',
  commissioningDate: 'commissioning date',
  deliveryDate: 'delivery date',
};
