import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import type { Decision } from '../../src/adjudication/decision.js';
import { isCompactDecision } from '../../src/adjudication/decision-codec.js';
import { compactTrace } from '../../src/adjudication/trace-codec.js';
import { ClaimStore, decisionRow, type NewClaim } from '../../src/claims/claim-store.js';
import { generateClaims } from '../../bench/claim-generator.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { batteryJob, buildClaim, buildNevUnit, decide, lampJob, registerUnit } from '../e2e/fixtures.js';

// The stored decision keeps its jobs compact (decision-codec.ts) and gives them back whole (issue 13);
// a decision stored before, whole, reads back as it was.
let t: TestApp;
const decided: Array<{ id: number; decision: Decision }> = [];
const AT = new Date('2026-03-20T04:00:00Z');

function newClaim(d: Decision, i: number): NewClaim {
  return {
    stationId: d.stationId, claimNumber: `${d.claimNumber}-D${i}`, revision: 1, unitId: null, bodyText: '{"jobs":[]}', bodyHash: `d${i}`,
    receivedDate: d.receivedDate, submittedBy: 'test', failureDate: d.receivedDate, repairDate: d.receivedDate, odometerKm: null,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** Stores `decision` as a row written before the compact form would hold it: the claim as filed, the decision's JSON as given. */
async function insertOldRow(claimNumber: string, bodyText: string, decision: unknown, source: Decision): Promise<void> {
  const claim = await new ClaimStore(t.db).insertClaim({
    stationId: source.stationId, claimNumber, revision: 1, unitId: source.unitId, bodyText, bodyHash: `old-${claimNumber}`,
    receivedDate: source.receivedDate, submittedBy: 'test', failureDate: '2026-03-14', repairDate: '2026-03-16', odometerKm: 150_000,
  });
  await t.db.query(
    `INSERT INTO decisions (claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, decided_by, decided_at)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, '[]', 'adjudicator', $8)`,
    [claim!.id, source.status, source.totals.approvedFen, source.ruleSet?.id ?? null, source.ruleSet?.version ?? null, source.ruleSet?.hash ?? null, JSON.stringify(decision), AT.toISOString()],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const store = new ClaimStore(t.db);
  for (const [i, c] of generateClaims({ count: 300, seed: 20261204 }).entries()) {
    const decision = await adjudicate({ claim: c.claim, unit: c.unit, history: c.history, ruleBook: t.ruleBook, today: c.today, preAuthorisations: c.preAuthorisations });
    const id = await store.insertClaimWithDecision(newClaim(decision, i), decisionRow(decision, 'adjudicator', null, AT));
    decided.push({ id: id!, decision });
  }
}, 240_000);
afterAll(() => t.close());

describe(`the stored decision (${databaseKind})`, () => {
  it('reads back every one of 300 generated decisions equal to what adjudication produced, trace included', async () => {
    const store = new ClaimStore(t.db);
    for (const { id, decision } of decided) {
      const [stored] = await store.decisions(id);
      expect(stored!.decision).toEqual(decision);
    }
  });

  it('stores the jobs compact, in under 2 KB of JSON at the median', async () => {
    const { rows } = await t.db.query<{ decision: unknown }>('SELECT decision FROM decisions WHERE claim_id = ANY($1::bigint[])', [decided.map((d) => d.id)]);
    const stored = rows.map((r) => parse(r.decision));
    expect(stored.filter(isCompactDecision).length).toBeGreaterThan(rows.length * 0.95);
    expect(median(stored.map((s) => Buffer.byteLength(JSON.stringify(s))))).toBeLessThan(2_048);
  });

  describe('through GET /v1/claims/{claimNumber}', () => {
    let submitted: { body: Record<string, unknown>; claim: ReturnType<typeof buildClaim> };
    const read = async (claimNumber: string) => (await request(t.app).get(`/v1/claims/${claimNumber}`).set(t.auth.auditor).expect(200)).body as Record<string, unknown>;

    beforeAll(async () => {
      const unit = await registerUnit(t, buildNevUnit());
      // Two jobs, one covered with a cut auxiliary line, one a lamp: reasons, adjustments and messages in both.
      const claim = buildClaim(unit, { jobs: [batteryJob({ auxiliaryFen: 900_000 }), lampJob({ jobId: 'J2' })] });
      submitted = { body: await decide(t, claim), claim };
    });

    it('answers a new decision as adjudication produced it', async () => {
      const { decisionVersion: _v, revision, submittedAt: _at, claim: _claim, versions, ...decision } = await read(submitted.claim.claimNumber);
      expect(decision).toEqual({ ...submitted.body, decisionVersion: undefined });
      expect(revision).toBe(1);
      expect(versions).toHaveLength(1);
      expect(((submitted.body.jobs as Decision['jobs'])[0]!.lines.some((l) => l.adjustments.length > 0))).toBe(true);
      const { rows } = await t.db.query<{ decision: unknown }>('SELECT d.decision FROM decisions d JOIN claims c ON c.id = d.claim_id WHERE c.claim_number = $1', [submitted.claim.claimNumber]);
      expect(isCompactDecision(parse(rows[0]!.decision))).toBe(true);
    });

    it('answers a decision stored before the compact form exactly as it was stored: jobs whole, trace whole or compact', async () => {
      const [stored] = await new ClaimStore(t.db).decisions((await new ClaimStore(t.db).findRevisions(submitted.claim.claimNumber))[0]!.id);
      const decision = stored!.decision;
      const expected = await read(submitted.claim.claimNumber);
      const file = t.ruleBook.ruleSets.find((r) => r.hash === decision.ruleSet!.hash)!.file;
      const shapes = { whole: (d: Decision) => d, 'trace compact': (d: Decision) => ({ ...d, trace: compactTrace(d.trace, file) }) };
      for (const [name, shape] of Object.entries(shapes)) {
        const claimNumber = `${submitted.claim.claimNumber}-OLD-${name.replace(' ', '-')}`;
        const old = shape({ ...decision, claimNumber });
        expect(isCompactDecision(old)).toBe(false);
        await insertOldRow(claimNumber, JSON.stringify({ ...submitted.claim, claimNumber }), old, decision);
        const body = await read(claimNumber);
        expect({ ...body, submittedAt: undefined }, name).toEqual({ ...expected, claimNumber, submittedAt: undefined });
      }
    });
  });
});
