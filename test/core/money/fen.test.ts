import { describe, expect, it } from 'vitest';
import { labourFen, mulDivHalfUp, percentOf } from '../../../src/money/fen.js';

describe('money rounding: integer fen, half up, once per line (SPEC §6)', () => {
  it('rounds 0.3 h × 33.33 = 9.999 up to 10.00', () => {
    expect(labourFen(0.3, 3_333)).toBe(1_000);
  });

  it('rounds an exact half up: 0.5 h × 33.33 = 16.665 is 16.67', () => {
    expect(labourFen(0.5, 3_333)).toBe(1_667);
  });

  it('rounds below a half down: 0.25 h × 33.33 = 8.3325 is 8.33', () => {
    expect(labourFen(0.25, 3_333)).toBe(833);
  });

  it('keeps hours finer than a hundredth instead of rounding them first: 0.125 h × 80.00 = 10.00', () => {
    expect(labourFen(0.125, 8_000)).toBe(1_000);
  });

  it('rounds a third of an hour once: ⅓ h × 60.00 is 20.00, not 0.33 h × 60.00 = 19.80', () => {
    expect(labourFen(1 / 3, 6_000)).toBe(2_000);
  });

  it('takes 5 % of 259.90 as 12.995, paid 13.00', () => {
    expect(percentOf(25_990, 5)).toBe(1_300);
  });

  it('takes catalogue + 20 % of 50 batteries without losing a fen to floating point', () => {
    expect(percentOf(6_800_000 * 50, 120)).toBe(408_000_000);
    expect(percentOf(9_999_999_999, 120)).toBe(11_999_999_999);
  });

  it('divides integers half up', () => {
    expect(mulDivHalfUp(1, 1, 2)).toBe(1);
    expect(mulDivHalfUp(1, 1, 3)).toBe(0);
    expect(mulDivHalfUp(2, 1, 3)).toBe(1);
    expect(mulDivHalfUp(0, 5, 7)).toBe(0);
  });
});
