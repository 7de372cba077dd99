import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestSchema } from '../support/test-db.js';

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
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
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
