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

/** A term's anniversary and last covered day from one start. */
interface Span {
  anniversary: string;
  lastCovered: string;
}

/**
 * Spans computed, by start, then months, then days: the coverage of every job and the interval
 * operators ask the same few; nested maps, so a lookup builds no key string. Bounded by starts.
 */
const spans = new Map<string, Map<number, Map<number, Span>>>();

function spanOf(startIso: string, length: TermLength): Span {
  const months = length.months ?? 0;
  const days = length.days ?? 0;
  let byMonths = spans.get(startIso);
  if (byMonths === undefined) {
    if (spans.size >= 20_000) spans.clear();
    byMonths = new Map();
    spans.set(startIso, byMonths);
  }
  let byDays = byMonths.get(months);
  if (byDays === undefined) {
    byDays = new Map();
    byMonths.set(months, byDays);
  }
  let span = byDays.get(days);
  if (span === undefined) {
    const anniversary = parseIsoDate(startIso).plus({ months, days }).toISODate() as string;
    span = { anniversary, lastCovered: plusDays(anniversary, -1) };
    byDays.set(days, span);
  }
  return span;
}

/** The first day no longer covered, as an ISO date: start + N months / days, month ends clamped (SPEC §3.3). */
export function anniversaryIso(startIso: string, length: TermLength, _zone?: string): string {
  return spanOf(startIso, length).anniversary;
}

/** The first day no longer covered: start + N months / days, month ends clamped (SPEC §3.3). */
export function anniversary(startIso: string, length: TermLength, zone?: string): DateTime {
  return parseIsoDate(anniversaryIso(startIso, length, zone));
}

/** The last covered day: the day before the anniversary. */
export function lastCoveredDay(startIso: string, length: TermLength, _zone?: string): string {
  return spanOf(startIso, length).lastCovered;
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

/**
 * Dates already counted, kept: claims name a few thousand distinct days, each asked for on every job
 * (terms, windows, deadlines), and parsing or formatting one costs more than looking it up.
 */
const CIVIL_CACHE_SIZE = 50_000;
const shifted = new Map<string, Map<number, string>>();
const civilMsOf = new Map<string, number>();

export function plusDays(iso: string, days: number, _zone?: string): string {
  let byDays = shifted.get(iso);
  if (byDays === undefined) {
    if (shifted.size >= CIVIL_CACHE_SIZE) shifted.clear();
    byDays = new Map();
    shifted.set(iso, byDays);
  }
  let day = byDays.get(days);
  if (day === undefined) {
    day = new Date(civilMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
    byDays.set(days, day);
  }
  return day;
}

function civilMs(iso: string): number {
  let ms = civilMsOf.get(iso);
  if (ms === undefined) {
    ms = Date.parse(`${iso}T00:00:00Z`);
    if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${iso}`);
    if (civilMsOf.size >= CIVIL_CACHE_SIZE) civilMsOf.clear();
    civilMsOf.set(iso, ms);
  }
  return ms;
}
