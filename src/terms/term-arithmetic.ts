import { DateTime } from 'luxon';

/** A span of time a term or window lasts. Exactly one unit is normally set. */
export interface TermLength {
  months?: number | undefined;
  days?: number | undefined;
}

/** Two ISO dates, `from` ≤ `to` expected: the input of the interval operators. */
export interface DateInterval {
  from: string;
  to: string;
}

export function parseIsoDate(iso: string, zone: string): DateTime {
  const date = DateTime.fromISO(iso, { zone });
  if (!date.isValid) throw new RangeError(`not an ISO date: ${iso}`);
  return date.startOf('day');
}

/** The first day no longer covered: start + N months / days, month ends clamped (SPEC §3.3). */
export function anniversary(startIso: string, length: TermLength, zone: string): DateTime {
  return parseIsoDate(startIso, zone).plus({ months: length.months ?? 0, days: length.days ?? 0 });
}

/** The last covered day: the day before the anniversary. */
export function lastCoveredDay(startIso: string, length: TermLength, zone: string): string {
  return anniversary(startIso, length, zone).minus({ days: 1 }).toISODate() as string;
}

/** start ≤ on < start + length, in calendar arithmetic in the policy zone. */
export function isWithinTerm(startIso: string, onIso: string, length: TermLength, zone: string): boolean {
  const on = parseIsoDate(onIso, zone);
  return on >= parseIsoDate(startIso, zone) && on < anniversary(startIso, length, zone);
}

/** A km limit L covers an odometer reading ≤ L; no limit covers everything. */
export function isWithinKm(odometerKm: number | null | undefined, kmLimit: number | null | undefined): boolean {
  if (kmLimit === null || kmLimit === undefined) return true;
  if (odometerKm === null || odometerKm === undefined) return true;
  return odometerKm <= kmLimit;
}

/** Whole calendar days from `fromIso` to `toIso` (negative when `to` is earlier). */
export function daysBetween(fromIso: string, toIso: string, zone: string): number {
  return Math.round(parseIsoDate(toIso, zone).diff(parseIsoDate(fromIso, zone), 'days').days);
}

export function todayIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate() as string;
}

export function plusDays(iso: string, days: number, zone: string): string {
  return parseIsoDate(iso, zone).plus({ days }).toISODate() as string;
}
