#!/usr/bin/env node
// The `warranty` command. Installed from a build, it runs the compiled CLI with plain node; in a
// checkout with the TypeScript sources, it runs them through tsx's loader (a dev dependency), so
// no build step is needed while developing.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/cli.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import(new URL('../dist/cli/cli.js', import.meta.url).href);
}
