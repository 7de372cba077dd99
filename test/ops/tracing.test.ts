import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from '../support/test-db.js';
import { ADMIN_KEY, serviceStorage, startService } from './service-process.js';
import { sleep } from './claim-load.js';

interface Span { traceId: string; parentSpanId?: string; name: string; attributes?: Array<{ key: string; value: { stringValue?: string } }> }

/** An OTLP/HTTP collector of our own: keeps every span it is sent (JSON encoding). */
async function collector() {
  const spans: Span[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const sent = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Span[] }> }> };
        for (const r of sent.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { spans, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe(`OpenTelemetry tracing behind OTEL_TRACING (${databaseKind}, the real service as a child process)`, () => {
  let storage: Awaited<ReturnType<typeof serviceStorage>>;
  let otlp: Awaited<ReturnType<typeof collector>>;

  beforeAll(async () => {
    storage = await serviceStorage();
    otlp = await collector();
  }, 60_000);

  afterAll(async () => {
    await otlp?.close();
    await storage?.drop();
  }, 60_000);

  it("exports a server span per request that continues the caller's traceparent, with its route (and the queries on PostgreSQL)", async () => {
    const service = await startService(
      { ...storage.env, OTEL_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_SERVICE_NAME: 'warranty-test' },
      ['--import', './src/telemetry/register.ts'],
    );
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const res = await fetch(`${service.base}/v1/product-lines`, { headers: { authorization: `Bearer ${ADMIN_KEY}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
      expect(res.status).toBe(200);
      for (let i = 0; i < 100 && !otlp.spans.some((s) => s.traceId === traceId && s.parentSpanId === '00f067aa0ba902b7'); i += 1) await sleep(100);
      const ours = otlp.spans.filter((s) => s.traceId === traceId);
      const server = ours.find((s) => s.parentSpanId === '00f067aa0ba902b7');
      expect(server?.name).toMatch(/^GET/);
      const attributes = Object.fromEntries((server?.attributes ?? []).map((a) => [a.key, a.value.stringValue]));
      expect(attributes['http.route'] ?? attributes['http.target'] ?? attributes['url.path']).toContain('/v1/product-lines');
      if (databaseKind === 'postgres') {
        for (let i = 0; i < 50 && !ours.some((s) => s.name.startsWith('pg.')); i += 1) await sleep(100);
        expect(otlp.spans.filter((s) => s.traceId === traceId).some((s) => s.name.startsWith('pg.'))).toBe(true);
      }
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);

  it('sends nothing when OTEL_TRACING is not set', async () => {
    const before = otlp.spans.length;
    const service = await startService({ ...storage.env, OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '100' }, ['--import', './src/telemetry/register.ts']);
    try {
      expect((await fetch(`${service.base}/v1/product-lines`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status).toBe(200);
      await sleep(1_000);
      expect(otlp.spans.length).toBe(before);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);
});
