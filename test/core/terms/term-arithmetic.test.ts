import { describe, expect, it } from 'vitest';
import { anniversary, daysBetween, isWithinKm, isWithinTerm, lastCoveredDay } from '../../../src/terms/term-arithmetic.js';

const zone = 'Asia/Shanghai';

describe('term arithmetic (SPEC §3.3)', () => {
  it('clamps a month end: 2024-01-31 plus one month is 2024-02-29', () => {
    expect(anniversary('2024-01-31', { months: 1 }, zone).toISODate()).toBe('2024-02-29');
    expect(lastCoveredDay('2024-01-31', { months: 1 }, zone)).toBe('2024-02-28');
  });

  it('clamps into a short month: 2024-01-31 plus three months is 2024-04-30', () => {
    expect(anniversary('2024-01-31', { months: 3 }, zone).toISODate()).toBe('2024-04-30');
  });

  it('clamps a leap day: 2024-02-29 plus twelve months is 2025-02-28', () => {
    expect(anniversary('2024-02-29', { months: 12 }, zone).toISODate()).toBe('2025-02-28');
  });

  it('covers the sale date and the day before the anniversary, not the anniversary', () => {
    expect(isWithinTerm('2024-01-31', '2024-01-31', { months: 1 }, zone)).toBe(true);
    expect(isWithinTerm('2024-01-31', '2024-02-28', { months: 1 }, zone)).toBe(true);
    expect(isWithinTerm('2024-01-31', '2024-02-29', { months: 1 }, zone)).toBe(false);
  });

  it('does not cover a day before the sale', () => {
    expect(isWithinTerm('2024-01-31', '2024-01-30', { months: 1 }, zone)).toBe(false);
  });

  it('counts a term in days from the sale date: 15 days from 2025-01-10 end on 2025-01-24', () => {
    expect(lastCoveredDay('2025-01-10', { days: 15 }, zone)).toBe('2025-01-24');
    expect(isWithinTerm('2025-01-10', '2025-01-25', { days: 15 }, zone)).toBe(false);
  });

  it('covers a km reading up to and including the limit, and any reading when there is no limit', () => {
    expect(isWithinKm(200_000, 200_000)).toBe(true);
    expect(isWithinKm(200_001, 200_000)).toBe(false);
    expect(isWithinKm(9_999_999, null)).toBe(true);
  });

  it('counts whole calendar days across a year end, negative when the second date is earlier', () => {
    expect(daysBetween('2025-12-30', '2026-01-29', zone)).toBe(30);
    expect(daysBetween('2025-03-01', '2025-02-28', zone)).toBe(-1);
  });
});
