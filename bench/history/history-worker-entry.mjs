// Entry of a history worker thread: a worker starts without tsx's loader, so it registers it first.
const { register } = await import('tsx/esm/api');
register();
const worker = await import('./history-worker.ts');
export default worker.default;
