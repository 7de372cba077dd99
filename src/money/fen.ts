/** a × b / divisor in integers, rounded half up: the one rounding rule for money (SPEC §6). */
export function mulDivHalfUp(a: number, b: number, divisor: number): number {
  const product = a * b;
  const whole = Math.floor(product / divisor);
  const rest = product - whole * divisor;
  return rest * 2 >= divisor ? whole + 1 : whole;
}

/** Hours (or a percentage) as an integer number of hundredths, so money stays integer. */
export function hundredths(value: number): number {
  return Math.round(value * 100);
}

/** fen = hours × rate, rounded half up once. */
export function labourFen(hours: number, rateFen: number): number {
  return mulDivHalfUp(hundredths(hours), rateFen, 100);
}

/** pct % of an amount in fen, rounded half up. */
export function percentOf(amountFen: number, pct: number): number {
  return mulDivHalfUp(amountFen, hundredths(pct), 10_000);
}
