import { expect } from 'vitest';
import request from 'supertest';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import type { UnitInput } from '../../src/units/unit-schema.js';
import type { TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, lampJob, registerUnit, type JobInput } from '../e2e/fixtures.js';

type Auth = { Authorization: string };
let n = 0;

/** A cab-lamp recall on an explicit VIN list: the lamp at 240.00, 0.8 h of NEV-OP-LAMP-RECALL at the policy's rate, the supplier pays. */
export function buildCampaign(vins: string[], overrides: Record<string, unknown> = {}): Record<string, any> {
  n += 1;
  return {
    code: `RC-2026-${String(n).padStart(3, '0')}`,
    kind: 'recall',
    productLine: 'nev-special-vehicle',
    title: 'Cab lamp connector recall',
    affected: { by: 'units', vins },
    terms: {
      operationCode: 'NEV-OP-LAMP-RECALL',
      labourHours: 0.8,
      parts: { mode: 'listed', items: [{ partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 24_000 }] },
      liableParty: { type: 'supplier', id: 'SUP-LAMP-01' },
    },
    note: 'connector corrodes on units built in 2021',
    opensOn: '2026-01-01',
    ...overrides,
  };
}

/** A lamp job done under a campaign: the lamp at 260.00 and an hour of the recall operation at 80.00. */
export function campaignJob(campaignCode: string, overrides: Partial<JobInput> = {}): JobInput {
  return lampJob({ campaignCode, labour: [{ operationCode: 'NEV-OP-LAMP-RECALL', hours: 1.0, rateFen: 8000 }], ...overrides });
}

/** A NEV unit sold 2021-03-15 (its 12-month lamp term long over), registered. */
export async function nevUnit(t: TestApp, overrides: Partial<UnitInput> = {}): Promise<UnitInput> {
  return registerUnit(t, buildNevUnit(overrides));
}

export function lampClaim(unit: UnitInput, jobs: JobInput[], overrides: Partial<ClaimInput> = {}): ClaimInput {
  return buildClaim(unit, { jobs, preAuthorisationNumber: undefined, failureDate: '2026-03-09', repairDate: '2026-03-10', ...overrides });
}

export async function send(t: TestApp, method: 'post' | 'get', path: string, body: unknown, status: number, auth: Auth = t.auth.policyOwner): Promise<Record<string, any>> {
  const req = method === 'post' ? request(t.app).post(path).set(auth).send(body as object) : request(t.app).get(path).set(auth);
  const res = await req;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  return res.body;
}

export async function fileClaim(t: TestApp, claim: ClaimInput): Promise<Record<string, any>> {
  return send(t, 'post', '/v1/claims', claim, 201, t.auth.auditor);
}
