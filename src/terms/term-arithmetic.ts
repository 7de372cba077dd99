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

/**
 * Dates here are civil dates (YYYY-MM-DD) already in the policy's time zone. Calendar arithmetic on a
 * civil date gives the same day in every zone, so it runs in UTC: resolving an IANA zone on every
 * parse cost half of the adjudication time, and UTC has no daylight-saving midnight to trip over.
 * The zone matters only when an instant becomes a date (`todayIn`); the `zone` parameters name the
 * zone the dates belong to.
 */
const CIVIL = { zone: 'utc' } as const;
const DAY_MS = 86_400_000;

export function parseIsoDate(iso: string, _zone?: string): DateTime {
  const date = DateTime.fromISO(iso, CIVIL);
  if (!date.isValid) throw new RangeError(`not an ISO date: ${iso}`);
  return date.startOf('day');
}

const anniversaries = new Map<string, string>();

/** The first day no longer covered, as an ISO date: start + N months / days, month ends clamped (SPEC §3.3). */
export function anniversaryIso(startIso: string, length: TermLength, _zone?: string): string {
  const key = `${startIso}|${length.months ?? 0}|${length.days ?? 0}`;
  let iso = anniversaries.get(key);
  if (iso === undefined) {
    iso = parseIsoDate(startIso).plus({ months: length.months ?? 0, days: length.days ?? 0 }).toISODate() as string;
    if (anniversaries.size >= 100_000) anniversaries.clear();
    anniversaries.set(key, iso);
  }
  return iso;
}

/** The first day no longer covered: start + N months / days, month ends clamped (SPEC §3.3). */
export function anniversary(startIso: string, length: TermLength, zone?: string): DateTime {
  return parseIsoDate(anniversaryIso(startIso, length, zone));
}

/** The last covered day: the day before the anniversary. */
export function lastCoveredDay(startIso: string, length: TermLength, zone?: string): string {
  return plusDays(anniversaryIso(startIso, length, zone), -1);
}

/** start ≤ on < start + length, in calendar arithmetic. ISO dates compare as strings. */
export function isWithinTerm(startIso: string, onIso: string, length: TermLength, zone?: string): boolean {
  return onIso >= startIso && onIso < anniversaryIso(startIso, length, zone);
}

/** A km limit L covers an odometer reading ≤ L; no limit covers everything. */
export function isWithinKm(odometerKm: number | null | undefined, kmLimit: number | null | undefined): boolean {
  if (kmLimit === null || kmLimit === undefined) return true;
  if (odometerKm === null || odometerKm === undefined) return true;
  return odometerKm <= kmLimit;
}

/** Whole calendar days from `fromIso` to `toIso` (negative when `to` is earlier). */
export function daysBetween(fromIso: string, toIso: string, _zone?: string): number {
  return Math.round((civilMs(toIso) - civilMs(fromIso)) / DAY_MS);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The civil date of an instant in an IANA zone. One formatter per zone, kept: resolving the zone
 * (luxon's setZone) on every request cost 4 % of a pre-check. en-CA formats as YYYY-MM-DD.
 */
export function todayIn(zone: string, now: Date): string {
  let format = dayFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone === 'utc' ? 'UTC' : zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size >= 1000) dayFormats.clear();
    dayFormats.set(zone, format);
  }
  return format.format(now);
}

export function plusDays(iso: string, days: number, _zone?: string): string {
  return new Date(civilMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

function civilMs(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${iso}`);
  return ms;
}
