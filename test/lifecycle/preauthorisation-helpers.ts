import request from 'supertest';
import type { TestApp } from '../support/test-app.js';
import { buildNevUnit } from '../e2e/fixtures.js';

type Auth = { Authorization: string };

/** A NEV unit sold 2021-03-15, registered without any pre-authorisation (the fixtures' registerUnit would issue one). */
export async function registerBareNevUnit(t: TestApp) {
  const unit = buildNevUnit({ saleDate: '2021-03-15' });
  await request(t.app).post('/v1/units').set(t.auth.auditor).send(unit).expect(201);
  return unit;
}

/** POST /v1/preauthorisations, by an auditor unless another key is given. */
export function issuePreAuthorisation(t: TestApp, body: Record<string, unknown>, auth: Auth = t.auth.auditor) {
  return request(t.app).post('/v1/preauthorisations').set(auth).send(body);
}

/** A battery pre-authorisation for the unit: up to 70,000.00, valid 2026-03-14 … 2026-04-13. */
export const batteryFor = (unitId: string, overrides: Record<string, unknown> = {}) => ({
  unitId, component: 'traction-battery', amountLimitFen: 7_000_000, validFrom: '2026-03-14', validTo: '2026-04-13', note: 'replacement pack approved by phone', ...overrides,
});

/** How many pre-authorisations are stored. */
export async function preAuthorisationCount(t: TestApp): Promise<number> {
  const { rows } = await t.db.query<{ n: number | string }>('SELECT count(*) AS n FROM preauthorisations');
  return Number(rows[0]!.n);
}
