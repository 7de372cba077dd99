// Entry of a backtest worker thread. Built (dist/), the compiled module sits beside it; from the
// sources, the service runs TypeScript through tsx's loader, and a worker starts without it, so the
// worker registers it before loading the TypeScript module.
import { existsSync } from 'node:fs';

const compiled = new URL('./backtest-worker.js', import.meta.url);
let worker;
if (existsSync(compiled)) {
  worker = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import('./backtest-worker.ts');
}
export default worker.default;
