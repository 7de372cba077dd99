import { DateTime } from 'luxon';
import type { AfterSalesPolicy } from './after-sales-policy.js';

export interface GoodwillSplit {
  monthsPast: number;
  kmPast: number;
  manufacturerFen: number;
  supplierFen: number;
  customerFen: number;
}

/** How far past the term a failure is: whole months begun after the last covered day, km beyond the limit. */
export function pastTerm(coverage: { lastCoveredDay: string; kmLimit: number | null } | null, failureDate: string, odometerKm: number | null): { monthsPast: number; kmPast: number } {
  if (!coverage) return { monthsPast: 0, kmPast: 0 };
  const months = DateTime.fromISO(failureDate).diff(DateTime.fromISO(coverage.lastCoveredDay), 'months').months;
  const kmPast = coverage.kmLimit !== null && odometerKm !== null ? Math.max(0, odometerKm - coverage.kmLimit) : 0;
  return { monthsPast: Math.max(0, Math.ceil(months)), kmPast };
}

/** The policy's split of a goodwill amount (first band that holds both distances); null beyond the table. Rounds half up; the customer takes the rest. */
export function goodwillSplit(baseFen: number, past: { monthsPast: number; kmPast: number }, policy: AfterSalesPolicy, hasSupplier: boolean): GoodwillSplit | null {
  const band = policy.goodwill.bands.find((b) => past.monthsPast <= b.maxMonthsPast && past.kmPast <= b.maxKmPast);
  if (!band) return null;
  const share = (pct: number) => Math.round((baseFen * pct) / 100);
  const supplierFen = hasSupplier ? share(band.supplierPct) : 0;
  const manufacturerFen = share(band.manufacturerPct) + (hasSupplier ? 0 : share(band.supplierPct));
  return { ...past, manufacturerFen, supplierFen, customerFen: baseFen - manufacturerFen - supplierFen };
}
