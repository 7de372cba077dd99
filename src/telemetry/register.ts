/**
 * Loaded with `node --import` before the service (see package.json's start scripts and the
 * Dockerfile). Does nothing unless OTEL_TRACING=true; then it hooks ES module loading (express and pg
 * are patched as they are imported) and starts tracing.
 */
import { register } from 'node:module';

if (process.env.OTEL_TRACING === 'true') {
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const { startTracing } = await import('./tracing.js');
  startTracing();
  await waitForAllMessagesAcknowledged();
}
