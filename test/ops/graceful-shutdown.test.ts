import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { databaseKind } from '../support/test-db.js';
import { ADMIN_KEY, post, prepareUnit, serviceStorage, startService } from './service-process.js';
import { sleep } from './claim-load.js';

interface Outcome {
  claimNumber: string;
  /** Answered after the signal: in flight or queued when it came, or sent on a keep-alive connection since. */
  afterSigterm: boolean;
  status?: number;
  connection?: string | undefined;
  error?: string;
}

describe(`SIGTERM under keep-alive load (${databaseKind}, the real service as a child process)`, () => {
  let storage: Awaited<ReturnType<typeof serviceStorage>>;

  beforeAll(async () => {
    storage = await serviceStorage();
  }, 60_000);

  afterAll(async () => {
    await storage?.drop();
  }, 60_000);

  it('stops accepting, answers what it accepted (closing keep-alive connections after their response), keeps every 2xx claim, and exits 0 within SHUTDOWN_TIMEOUT', async () => {
    const service = await startService({ ...storage.env, SHUTDOWN_TIMEOUT: '10' });
    const base = new URL(service.base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const newClaim = await prepareUnit(base, agent);
    const outcomes: Outcome[] = [];
    let signalled = false;
    let sigtermAt = 0;
    const lastAnswers: Array<Outcome | undefined> = [];
    const loops = Array.from({ length: 8 }, async (_, loop) => {
      for (;;) {
        const claim = newClaim();
        try {
          const res = await post(base, agent, '/v1/claims', claim);
          outcomes.push({ claimNumber: claim.claimNumber, afterSigterm: signalled, status: res.status, connection: res.connection });
          lastAnswers[loop] = outcomes[outcomes.length - 1];
        } catch (error) {
          outcomes.push({ claimNumber: claim.claimNumber, afterSigterm: signalled, error: (error as NodeJS.ErrnoException).code ?? String(error) });
          if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return;
        }
        if (outcomes.length > 20_000) return;
      }
    });
    await sleep(1_500);
    signalled = true;
    sigtermAt = Date.now();
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    const tookMs = Date.now() - sigtermAt;
    await Promise.all(loops);
    agent.destroy();

    expect(exit, service.logs.slice(-5).join('\n')).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(10_000);
    // Nothing it accepted was reset: every request either got its answer or found the port closed.
    const failures = outcomes.filter((o) => o.error !== undefined && o.error !== 'ECONNREFUSED');
    expect(failures, JSON.stringify(failures.slice(0, 5))).toEqual([]);
    expect(outcomes.filter((o) => o.status !== undefined && o.status !== 201)).toEqual([]);
    // Each client's last answer, given while draining, told it to close the connection (so it never reused a closing one).
    expect(lastAnswers.map((o) => o?.connection)).toEqual(Array(8).fill('close'));
    expect(lastAnswers.every((o) => o?.afterSigterm)).toBe(true);
    expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(8);

    const db = await openDatabase({ databaseUrl: storage.databaseUrl, dataDir: storage.dataDir });
    try {
      const accepted = outcomes.filter((o) => o.status === 201).map((o) => o.claimNumber);
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(DISTINCT c.claim_number)::int AS n FROM claims c JOIN decisions d ON d.claim_id = c.id WHERE c.claim_number = ANY($1::text[])',
        [accepted],
      );
      expect(Number(rows[0]!.n)).toBe(accepted.length);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('exits within SHUTDOWN_TIMEOUT even when a client never finishes its request (exit code 1: it had to cut)', async () => {
    const service = await startService({ ...storage.env, SHUTDOWN_TIMEOUT: '2' });
    const base = new URL(service.base);
    const socket = net.connect(Number(base.port), base.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(`POST /v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"claimNumber":`);
    await sleep(300);
    const sigtermAt = Date.now();
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    socket.destroy();
    expect(exit.code).toBe(1);
    // Two seconds of grace plus closing the database; nowhere near "until the client gives up".
    expect(Date.now() - sigtermAt).toBeLessThan(8_000);
    expect(service.logs.some((l) => l.includes('shutdown timeout'))).toBe(true);
  }, 120_000);
});
