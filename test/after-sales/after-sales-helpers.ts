import { expect } from 'vitest';
import request from 'supertest';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import type { TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, registerUnit } from '../e2e/fixtures.js';

type Auth = { Authorization: string };

/** A fresh NEV unit and a claim on it (SPEC §13's battery job unless jobs are given), submitted and decided. */
export async function submitNevClaim(t: TestApp, overrides: Partial<ClaimInput> = {}): Promise<{ claimNumber: string; decision: Record<string, any> }> {
  const unit = await registerUnit(t, buildNevUnit());
  const claim = buildClaim(unit, overrides);
  const res = await request(t.app).post('/v1/claims').set(t.auth.auditor).send(claim);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { claimNumber: claim.claimNumber, decision: res.body };
}

export async function post(t: TestApp, path: string, body: unknown, status: number, auth: Auth = t.auth.auditor): Promise<Record<string, any>> {
  const res = await request(t.app).post(path).set(auth).send(body as object);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  return res.body;
}

export async function get(t: TestApp, path: string, query: Record<string, string> = {}, status = 200, auth: Auth = t.auth.auditor): Promise<Record<string, any>> {
  const res = await request(t.app).get(path).query(query).set(auth);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

export const fieldPaths = (problem: Record<string, any>) => (problem.errors as Array<{ path: string }>).map((e) => e.path);
