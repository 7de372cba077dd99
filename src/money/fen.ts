/** a × b / divisor in integers, rounded half up: the one rounding rule for money (SPEC §6). */
export function mulDivHalfUp(a: number, b: number, divisor: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) {
    const [big, by] = [BigInt(a) * BigInt(b), BigInt(divisor)];
    const whole = big / by;
    return Number((big - whole * by) * 2n >= by ? whole + 1n : whole);
  }
  const whole = Math.floor(product / divisor);
  const rest = product - whole * divisor;
  return rest * 2 >= divisor ? whole + 1 : whole;
}

/**
 * Hours (or a percentage) as an integer number of millionths, so money stays integer. Fine enough
 * that any value a person writes (0.125 h, ⅓ h) is kept, and the line is rounded once, to the fen.
 */
const MILLIONTHS = 1_000_000;
function millionths(value: number): number {
  return Math.round(value * MILLIONTHS);
}

/** fen = hours × rate, rounded half up once. */
export function labourFen(hours: number, rateFen: number): number {
  return mulDivHalfUp(millionths(hours), rateFen, MILLIONTHS);
}

/** pct % of an amount in fen, rounded half up. */
export function percentOf(amountFen: number, pct: number): number {
  return mulDivHalfUp(amountFen, millionths(pct), 100 * MILLIONTHS);
}
