import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { ClaimInput } from '../../src/claims/claim-schema.js';

export interface Answer {
  claimNumber: string;
  status: number;
  contentType: string;
  retryAfter: string | null;
  code: string | undefined;
}

/** The app on a real loopback port, so load goes through real sockets (keep-alive, as a dealer system's). */
export async function listen(app: Express): Promise<{ base: string; server: http.Server; close: () => Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function postClaim(base: string, auth: { Authorization: string }, claim: ClaimInput): Promise<Answer> {
  try {
    const res = await fetch(`${base}/v1/claims`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(claim) });
    const text = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    return { claimNumber: claim.claimNumber, status: res.status, contentType: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), code };
  } catch {
    // The socket itself failed: no answer at all (status 0), which a client treats as "retry".
    return { claimNumber: claim.claimNumber, status: 0, contentType: '', retryAfter: null, code: undefined };
  }
}

/** `workers` loops each submitting fresh claims until `stop()`; every answer is kept. */
export function claimLoad(base: string, auth: { Authorization: string }, makeClaim: () => ClaimInput, workers = 4) {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) answers.push(await postClaim(base, auth, makeClaim()));
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it holds; returns the milliseconds it took, or null after `limitMs`. */
export async function timeUntil(probe: () => Promise<boolean>, limitMs: number, everyMs = 100): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= limitMs) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await sleep(everyMs);
  }
  return null;
}
