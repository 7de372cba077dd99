import v8 from 'node:v8';

/**
 * The live heap under load is ~40 MB, but V8 lets the old generation grow to ~4× that before a full
 * collection, which put RSS near 290 MB. A bounded growth factor keeps RSS under 200 MB for a few
 * per cent of CPU, and unlike a heap cap it cannot make a large backtest or export run out of heap.
 * V8 reads this flag each time it sizes the heap, so setting it after start takes effect. 0: V8 decides.
 */
export function boundHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
