import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../support/test-db.js';
import { ADMIN_KEY, post, prepareUnit, serviceStorage, startService } from './service-process.js';
import { sleep } from './claim-load.js';

const auth = { authorization: `Bearer ${ADMIN_KEY}` };

describe(`kill -9 under load, then a restart (${databaseKind}, the real service as a child process)`, () => {
  let storage: Awaited<ReturnType<typeof serviceStorage>>;

  beforeAll(async () => {
    storage = await serviceStorage();
  }, 60_000);

  afterAll(async () => {
    await storage?.drop();
  }, 60_000);

  it('keeps every claim that got a 201, with its decision, and the restart is not blocked by the dead process', async () => {
    const service = await startService(storage.env);
    const base = new URL(service.base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    const newClaim = await prepareUnit(base, agent);
    const accepted: string[] = [];
    let killed = false;
    const loops = Array.from({ length: 6 }, async () => {
      while (!killed) {
        const claim = newClaim();
        try {
          const res = await post(base, agent, '/v1/claims', claim);
          if (res.status === 201) accepted.push(claim.claimNumber);
        } catch {
          // The process died under this request: no answer, so the client would retry.
        }
      }
    });
    // Kill only once claims are being accepted, so the crash lands mid-load.
    while (accepted.length < 10) await sleep(50);
    service.child.kill('SIGKILL');
    killed = true;
    expect((await service.exited).signal).toBe('SIGKILL');
    await Promise.all(loops);
    agent.destroy();

    const restarted = await startService(storage.env);
    try {
      for (const claimNumber of accepted) {
        const res = await fetch(`${restarted.base}/v1/claims/${claimNumber}`, { headers: auth });
        expect(res.status, claimNumber).toBe(200);
        // Stored with its decision: the read is the first decision version, by the service, as it answered.
        const claim = (await res.json()) as { claimNumber: string; versions: Array<{ version: number; status: string }> };
        expect(claim.claimNumber).toBe(claimNumber);
        expect(claim.versions.map((v) => v.version)).toEqual([1]);
      }
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, 180_000);

  it.runIf(databaseKind === 'embedded')('starts although an old pid lock file names a live process (pid reuse), and keeps a second writer out', async () => {
    // Before proper-lockfile the lock was a pid in a file: any live process with that pid blocked a restart.
    await mkdir(storage.dataDir, { recursive: true });
    await writeFile(path.join(storage.dataDir, 'warranty.lock'), String(process.pid));
    const first = await startService(storage.env);
    try {
      expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
      // A second service on the same data directory gives up with a message saying why (after the stale window).
      const second = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, ...storage.env, PORT: '0', HOST: '127.0.0.1', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, WATCH_RULES: 'false', DEMO_UNITS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      second.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      second.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(output).toContain('is in use by another process');
      expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  }, 180_000);
});
