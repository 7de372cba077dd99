import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ClaimStore, decisionRow, type NewClaim } from '../../src/claims/claim-store.js';
import type { Decision } from '../../src/adjudication/decision.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildNevUnit, decide, registerUnit } from '../e2e/fixtures.js';

// Concurrent submissions share one statement and one commit (ClaimStore, GroupCommit); each still gets its own answer.
let t: TestApp;
let decision: Decision;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
  const unit = await registerUnit(t, buildNevUnit());
  decision = (await decide(t, buildClaim(unit))) as Decision;
});
afterAll(() => t.close());

const AT = new Date('2026-03-20T04:00:00Z');
const newClaim = (claimNumber: string, overrides: Partial<NewClaim> = {}): NewClaim => ({
  stationId: 'GC1', claimNumber, revision: 1, unitId: null, bodyText: '{"jobs":[]}', bodyHash: `h-${claimNumber}`,
  receivedDate: '2026-03-16', submittedBy: 'test', failureDate: '2026-03-14', repairDate: '2026-03-16', odometerKm: null, ...overrides,
});

/** A store whose statements storing claims are counted. */
function countingStore(): { store: ClaimStore; statements: () => number } {
  let statements = 0;
  const store = new ClaimStore({ query: (...args: Parameters<TestApp['db']['query']>) => ((statements += args[0].includes('INSERT INTO claims') ? 1 : 0), t.db.query(...args)) } as TestApp['db']);
  return { store, statements: () => statements };
}

describe(`claim submissions written together (${databaseKind})`, () => {
  it('stores 20 claims submitted at once in two statements, the first alone and the 19 that came meanwhile together, each with its own id', async () => {
    const { store, statements } = countingStore();
    const numbers = Array.from({ length: 20 }, (_, i) => `GC-A-${i}`);
    const ids = await Promise.all(numbers.map((n) => store.insertClaimWithDecision(newClaim(n), decisionRow(decision, 'adjudicator', null, AT))));
    expect(statements()).toBe(2);
    const { rows } = await t.db.query<{ id: number; claim_number: string; decisions: number }>(
      `SELECT c.id, c.claim_number, (SELECT count(*) FROM decisions d WHERE d.claim_id = c.id)::int AS decisions FROM claims c WHERE c.claim_number LIKE 'GC-A-%'`,
    );
    expect(new Map(rows.map((r) => [r.claim_number, [Number(r.id), Number(r.decisions)]]))).toEqual(new Map(numbers.map((n, i) => [n, [ids[i], 1]])));
  });

  it('answers null for the one claim number already stored, and refuses only the one claim the database refuses', async () => {
    await new ClaimStore(t.db).insertClaimWithDecision(newClaim('GC-B-taken'), decisionRow(decision, 'adjudicator', null, AT));
    const { store } = countingStore();
    const claims = [newClaim('GC-B-1'), newClaim('GC-B-taken'), newClaim('GC-B-2', { unitId: 'NO-SUCH-UNIT' }), newClaim('GC-B-3')];
    const results = await Promise.allSettled(claims.map((c) => store.insertClaimWithDecision(c, decisionRow(decision, 'adjudicator', null, AT))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value !== null : 'refused'))).toEqual([true, false, 'refused', true]);
    const { rows } = await t.db.query<{ claim_number: string }>(`SELECT claim_number FROM claims WHERE claim_number LIKE 'GC-B-%' ORDER BY claim_number`);
    expect(rows.map((r) => r.claim_number)).toEqual(['GC-B-1', 'GC-B-3', 'GC-B-taken']);
  });

  it('answers 201 to each of 12 claims posted at once and 409 to the one filed again under a taken number with another body', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const claims = Array.from({ length: 12 }, () => buildClaim(unit, { stationId: 'GC2' }));
    const again = { ...claims[3]!, odometerKm: 150_001 };
    const responses = await Promise.all([...claims, again].map((c) => request(t.app).post('/v1/claims').set(t.auth.auditor).send(c)));
    const [first, second] = [responses[3]!.status, responses[12]!.status].sort();
    expect([first, second]).toEqual([201, 409]);
    expect(responses.filter((_, i) => i !== 3 && i !== 12).map((r) => r.status)).toEqual(Array(11).fill(201));
    for (const [i, c] of claims.entries()) {
      if (i === 3) continue;
      expect(responses[i]!.body).toMatchObject({ claimNumber: c.claimNumber, decisionVersion: 1 });
    }
  });
});
