// Entry of a backtest worker thread: the service runs TypeScript through tsx's loader, and a worker
// starts without it, so the worker registers it before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./backtest-worker.ts');
export default worker.default;
