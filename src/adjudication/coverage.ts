import type { TermParams } from '../rules/rule-set-schema.js';
import type { PolicyFile } from '../policies/policy-schema.js';
import { isWithinKm, isWithinTerm, lastCoveredDay } from '../terms/term-arithmetic.js';

export type LocalStandard = PolicyFile['localStandards'][number];

export interface Coverage {
  term: string;
  start: string;
  lastCoveredDay: string;
  kmLimit: number | null;
  months: number | null;
  days: number | null;
  withinDate: boolean;
  withinKm: boolean;
  withinTerm: boolean;
  localStandard: string | null;
}

/**
 * The term that applies: the rule's term, made more generous dimension by dimension by a local
 * standard of the unit's region (SPEC §3.1): months the larger; km the larger, no limit beats any.
 */
export function effectiveTerm(term: TermParams, local: LocalStandard | null): { months?: number; days?: number; km: number | null } {
  const km = term.km ?? null;
  if (local === null) return term.months ? { months: term.months, km } : { days: term.days, km };
  const months = term.months !== undefined ? Math.max(term.months, local.months ?? 0) : undefined;
  const localKm = local.km === undefined ? km : local.km;
  const mergedKm = km === null || localKm === null ? null : Math.max(km, localKm);
  return months !== undefined ? { months, km: mergedKm } : { days: term.days, km: mergedKm };
}

/** The \`coverage\` fact while no term applies (no \`term\` rule fired). */
export const NO_TERM_COVERAGE = Object.freeze({ withinTerm: null, withinDate: null, withinKm: null });

export function computeCoverage(
  term: TermParams,
  local: LocalStandard | null,
  /** The date the term counts from: the unit's sale, commissioning or delivery date (policy termStartsAt). */
  termStart: string,
  failureDate: string,
  odometerKm: number | null,
  zone: string,
): Coverage {
  const effective = effectiveTerm(term, local);
  const length = { months: effective.months, days: effective.days };
  const withinDate = isWithinTerm(termStart, failureDate, length, zone);
  const withinKm = isWithinKm(odometerKm, effective.km);
  return {
    term: term.term,
    start: termStart,
    lastCoveredDay: lastCoveredDay(termStart, length, zone),
    kmLimit: effective.km,
    months: effective.months ?? null,
    days: effective.days ?? null,
    withinDate,
    withinKm,
    withinTerm: withinDate && withinKm,
    localStandard: local ? local.region : null,
  };
}
