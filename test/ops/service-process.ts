import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { expect } from 'vitest';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import { createTestSchema } from '../support/test-db.js';
import { batteryPreAuthorisation, buildClaim, buildNevUnit } from '../e2e/fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_KEY = 'ops-test-admin-key-0123456789abcdefghijklmnop';

export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Where a service process keeps its data: a temporary embedded data directory, or a schema of its own on DATABASE_URL. */
export async function serviceStorage(): Promise<{ env: Record<string, string>; dataDir: string; databaseUrl?: string; drop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'warranty-ops-'));
  const url = process.env.DATABASE_URL;
  if (!url) return { env: { DATA_DIR: dataDir }, dataDir, drop: async () => undefined };
  const { schema, drop } = await createTestSchema(url);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { env: { DATA_DIR: dataDir, DATABASE_URL: scoped.toString() }, dataDir, databaseUrl: scoped.toString(), drop };
}

/** The real service (`src/server.ts`) as a child process on a free loopback port; resolves once it listens. */
export async function startService(env: Record<string, string>, nodeArgs: string[] = []): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'info', WATCH_RULES: 'false', DEMO_UNITS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        logs.push(line);
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(line);
        if (match) resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then(({ code }) => reject(new Error(`the service exited (${code}) before listening:\n${logs.join('\n')}`)));
  });
  return { child, base, logs, exited };
}

const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

export function post(base: URL, agent: http.Agent, path: string, body: unknown): Promise<{ status: number; connection: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', agent, headers: { ...auth, 'content-length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text: data }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** A registered NEV unit with its battery pre-authorisation, and a builder of fresh claims on it. */
export async function prepareUnit(base: URL, agent: http.Agent): Promise<() => ClaimInput> {
  const unit = buildNevUnit();
  expect((await post(base, agent, '/v1/units', unit)).status).toBe(201);
  const pa = { number: batteryPreAuthorisation(unit.vin!), unitId: unit.unitId, component: 'traction-battery', amountLimitFen: 10_000_000, validFrom: '2020-01-01', validTo: '2030-12-31' };
  expect((await post(base, agent, '/v1/preauthorisations', pa)).status).toBe(201);
  // The real clock runs in the child: repairs dated yesterday stay inside the filing window.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return () => buildClaim(unit, { failureDate: yesterday, repairDate: yesterday });
}

