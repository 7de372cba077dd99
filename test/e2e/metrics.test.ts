import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, registerUnit } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const scrape = async () => {
  const res = await request(t.app).get('/metrics').expect(200).expect('Content-Type', /text\/plain/);
  return res.text;
};
/** The value of one sample line, e.g. `warranty_decisions_total{product_line="x",status="y"}`; 0 if absent. */
const sample = (text: string, name: string, labels: Record<string, string>) => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe(`GET /metrics (${databaseKind})`, () => {
  it('counts a decision by product line, status and each reason code', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await scrape();
    const noPhotos = buildClaim(unit, { failureDate: '2026-03-01', repairDate: '2026-03-02', evidence: { photos: 0 } });
    const decision = (await request(t.app).post('/v1/claims').set(t.auth.auditor).send(noPhotos).expect(201)).body;
    expect(decision.status).toBe('pended');
    const codes = [...new Set(decision.jobs.flatMap((j: { reasons: Array<{ code: string }> }) => j.reasons.map((r) => r.code)))] as string[];
    expect(codes.length).toBeGreaterThan(0);
    // The same body again is the stored decision, not a new one.
    await request(t.app).post('/v1/claims').set(t.auth.auditor).send(noPhotos).expect(200);
    const after = await scrape();
    const labels = { product_line: 'nev-special-vehicle', status: 'pended' };
    expect(sample(after, 'warranty_decisions_total', labels) - sample(before, 'warranty_decisions_total', labels)).toBe(1);
    for (const code of codes) {
      expect(sample(after, 'warranty_decision_reasons_total', { ...labels, reason_code: code }) - sample(before, 'warranty_decision_reasons_total', { ...labels, reason_code: code }), code).toBe(1);
    }
  });

  it('times requests by route template and status, not by the path asked', async () => {
    await request(t.app).get('/v1/units/NO-SUCH').set(t.auth.auditor).expect(404);
    await request(t.app).get('/v1/units/NO-OTHER').set(t.auth.auditor).expect(404);
    const text = await scrape();
    expect(sample(text, 'warranty_http_request_duration_seconds_count', { method: 'GET', route: '/v1/units/:unitId', status: '404' })).toBe(2);
    expect(text).not.toContain('NO-SUCH');
    expect(text).toMatch(/warranty_http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/v1\/claims",status="201"\}/);
  });

  it('gives every rule set and policy in force as an info metric with its version and hash', async () => {
    const text = await scrape();
    for (const r of t.ruleBook.ruleSets) {
      expect(sample(text, 'warranty_rule_book_info', { kind: 'rule-set', id: r.file.id, version: r.file.version, hash: r.hash })).toBe(1);
    }
    for (const p of t.ruleBook.policies) expect(sample(text, 'warranty_rule_book_info', { kind: 'policy', id: p.file.id, hash: p.hash })).toBe(1);
  });

  it('counts reloads by result with their duration', async () => {
    await request(t.app).post('/v1/rulesets/reload').set(t.auth.policyOwner).expect(200);
    const text = await scrape();
    expect(sample(text, 'warranty_rule_reloads_total', { result: 'unchanged' })).toBe(1);
    expect(sample(text, 'warranty_rule_reload_duration_seconds_count', { result: 'unchanged' })).toBe(1);
  });

  it('counts backtests with their duration and the claims re-decided', async () => {
    const before = await scrape();
    const file = 'rules/nev-special-vehicle/2021-01-01.json';
    const text = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8');
    const report = (await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).send({ files: [{ path: file, text }] }).expect(200)).body;
    expect(report.claims).toBeGreaterThan(0);
    await request(t.app).post('/v1/backtests').set(t.auth.policyOwner).send({ files: [{ path: file, text: '{ "id": ' }] }).expect(422);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta('warranty_backtests_total', { result: 'ok' })).toBe(1);
    expect(delta('warranty_backtests_total', { result: 'rejected' })).toBe(1);
    const count = (t: string) => Number(/^warranty_backtest_duration_seconds_count (\d+)$/m.exec(t)?.[1] ?? 0);
    expect(count(after) - count(before)).toBe(2);
    const claims = (t: string) => Number(/^warranty_backtest_claims_total (\d+)$/m.exec(t)?.[1] ?? 0);
    expect(claims(after) - claims(before)).toBe(report.claims);
  });

  it('has the database pool gauges and the process defaults', async () => {
    const text = await scrape();
    for (const name of ['warranty_db_pool_in_use', 'warranty_db_pool_waiting', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    if (databaseKind === 'postgres') expect(text).toMatch(/^warranty_db_pool_in_use \d+$/m);
  });

  it('needs no key', async () => {
    await request(t.app).get('/metrics').expect(200);
  });
});

describe(`request ids and trace context (${databaseKind})`, () => {
  it('echoes a safe x-request-id and names it as the problem instance', async () => {
    const res = await request(t.app).get('/v1/units/NOPE').set(t.auth.auditor).set('x-request-id', 'dms-trace-42').expect(404);
    expect(res.headers['x-request-id']).toBe('dms-trace-42');
    expect(res.body.instance).toBe('urn:request:dms-trace-42');
  });

  it('replaces a request id that is too long or has unsafe characters', async () => {
    for (const bad of ['x'.repeat(129), 'a b', 'id<script>', 'line\tbreak']) {
      const res = await request(t.app).get('/healthz').set('x-request-id', bad).expect(200);
      expect(res.headers['x-request-id'], bad).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await request(t.app).get('/healthz').set('x-request-id', 'y'.repeat(128)).expect(200)).headers['x-request-id']).toBe('y'.repeat(128));
  });

  it('accepts and echoes a W3C traceparent, and ignores a malformed one', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect((await request(t.app).get('/healthz').set('traceparent', traceparent).expect(200)).headers.traceparent).toBe(traceparent);
    for (const bad of ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7', 'garbage']) {
      expect((await request(t.app).get('/healthz').set('traceparent', bad).expect(200)).headers.traceparent, bad).toBeUndefined();
    }
  });
});
