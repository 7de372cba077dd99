import { buildConsole, consoleIsStale } from '../../scripts/build-console.js';

/** vitest globalSetup: the browser tests serve console/dist, so build it first when it is older than its sources. */
export default async function setup(): Promise<void> {
  if (consoleIsStale()) await buildConsole();
}
