import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { registerDemoUnits } from './fixtures.js';
import { generateClientTypes } from './openapi-client/generate.js';
import { runWorkedExample, typoDoesNotCompile } from './openapi-client/worked-example.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const readJson = async (file: string) => JSON.parse(await readFile(new URL(file, root), 'utf8'));

async function readmeJson(marker: string): Promise<unknown> {
  const readme = await readFile(new URL('README.md', root), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(readme.slice(readme.indexOf(marker)));
  if (!block) throw new Error(`no JSON block after "${marker}" in README.md`);
  return JSON.parse(block[1]!);
}

let t: TestApp;
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  await generateClientTypes();
  t = await createTestApp({ now: '2026-11-22T04:00:00Z' });
  await registerDemoUnits(t);
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe(`a client generated from /openapi.json (openapi-typescript + openapi-fetch) (${databaseKind})`, () => {
  it('type-checks: the worked example compiles against the generated types, and a typo does not', async () => {
    const tsc = new URL('node_modules/typescript/bin/tsc', root).pathname;
    const result = await run(process.execPath, [tsc, '-p', new URL('test/e2e/openapi-client/tsconfig.json', root).pathname]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);

  it('runs the README\'s worked example over HTTP and gets the decision the README shows', async () => {
    const adminKey = t.auth.admin.Authorization.replace('Bearer ', '');
    const { status, decision } = await runWorkedExample(baseUrl, adminKey, {
      preAuthorisation: await readJson('demo/preauthorisation-battery.json'),
      claim: await readJson('demo/claim-battery.json'),
    });
    expect(status).toBe(201);
    const { trace, ...shown } = decision;
    expect(trace.length).toBeGreaterThan(0);
    expect(shown).toEqual(await readmeJson('The response (201'));
  });

  it('gets the typo as a Problem naming the field', async () => {
    const key = t.auth.auditor.Authorization.replace('Bearer ', '');
    const claim = { ...(await readJson('demo/claim-battery.json')), claimNumber: 'S1-2026-TYPO' };
    expect(await typoDoesNotCompile(baseUrl, key, claim)).toEqual({ status: 400, paths: ['odometerkm'] });
  });
});
