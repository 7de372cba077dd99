import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import type { Decision } from '../../src/adjudication/decision.js';
import { canonicalTrace, isCompactTrace, traceHash } from '../../src/adjudication/trace-codec.js';
import { ClaimStore, decisionRow, type NewClaim } from '../../src/claims/claim-store.js';
import { RuleSetStore } from '../../src/rulesets/rule-set-store.js';
import { generateClaims } from '../../bench/claim-generator.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// The stored decision keeps its trace compact and gives it back whole, verified by hash (issue 13).
let t: TestApp;
const decided: Array<{ id: number; decision: Decision }> = [];
const AT = new Date('2026-03-20T04:00:00Z');

function newClaim(d: Decision, i: number): NewClaim {
  return {
    stationId: d.stationId, claimNumber: `${d.claimNumber}-T${i}`, revision: 1, unitId: null, bodyText: '{"jobs":[]}', bodyHash: `h${i}`,
    receivedDate: d.receivedDate, submittedBy: 'test', failureDate: d.receivedDate, repairDate: d.receivedDate, odometerKm: null,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

beforeAll(async () => {
  t = await createTestApp();
  const store = new ClaimStore(t.db);
  const cases = generateClaims({ count: 400, seed: 20261203 });
  for (const [i, c] of cases.entries()) {
    const decision = await adjudicate({ claim: c.claim, unit: c.unit, history: c.history, ruleBook: t.ruleBook, today: c.today, preAuthorisations: c.preAuthorisations });
    const id = await store.insertClaimWithDecision(newClaim(decision, i), decisionRow(decision, 'adjudicator', null, AT));
    decided.push({ id: id!, decision });
  }
}, 240_000);
afterAll(() => t.close());

describe('the stored trace', () => {
  it('reads back every one of 400 generated decisions with the trace decided in memory, rebuilt and verified by its hash', async () => {
    const store = new ClaimStore(t.db);
    let rebuilt = 0;
    for (const { id, decision } of decided) {
      const [stored] = await store.decisions(id);
      expect(canonicalTrace(stored!.decision.trace)).toBe(canonicalTrace(decision.trace));
      expect(stored!.decision.trace).toEqual(decision.trace);
      if (decision.trace.length > 0) rebuilt++;
    }
    expect(rebuilt).toBeGreaterThan(350);
  });

  it('stores the trace compact, with the hash of the full trace, in a fraction of its bytes', async () => {
    const { rows } = await t.db.query<{ claim_id: number; decision: Decision | string }>('SELECT claim_id, decision FROM decisions WHERE claim_id = ANY($1::bigint[])', [decided.map((d) => d.id)]);
    const byId = new Map(decided.map((d) => [d.id, d.decision]));
    const storedBytes: number[] = [];
    const traceBytes: number[] = [];
    const fullTraceBytes: number[] = [];
    for (const r of rows) {
      const stored = (typeof r.decision === "string" ? JSON.parse(r.decision) : r.decision) as Omit<Decision, "trace"> & { trace: unknown };
      const original = byId.get(Number(r.claim_id))!;
      storedBytes.push(Buffer.byteLength(JSON.stringify(stored)));
      if (original.trace.length === 0) continue;
      expect(isCompactTrace(stored.trace)).toBe(true);
      expect((stored.trace as unknown as { hash: string }).hash).toBe(traceHash(original.trace));
      traceBytes.push(Buffer.byteLength(JSON.stringify(stored.trace)));
      fullTraceBytes.push(Buffer.byteLength(JSON.stringify(original.trace)));
    }
    // Bytes of JSON, not time: the compact trace is under a tenth of the full one at the median.
    expect(median(traceBytes)).toBeLessThan(median(fullTraceBytes) / 8);
    expect(median(traceBytes)).toBeLessThan(1_000);
    expect(median(storedBytes)).toBeLessThan(3_000);
  });

  it('counts the rules that fired per rule set version from compact traces as from full ones', async () => {
    const withTrace = decided.filter((d) => d.decision.ruleSet && d.decision.trace.length > 0);
    const { id, version } = withTrace[0]!.decision.ruleSet!;
    const expected = new Map<string, number>();
    let decisions = 0;
    for (const { decision } of decided.filter((d) => d.decision.ruleSet?.id === id && d.decision.ruleSet.version === version)) {
      decisions++;
      for (const rule of new Set(decision.trace.filter((e) => e.result).map((e) => e.rule))) expected.set(rule, (expected.get(rule) ?? 0) + 1);
    }
    const fired = await new RuleSetStore(t.db).firedRules(id, version);
    expect(fired.decisions).toBe(decisions);
    expect(Object.fromEntries([...fired.fired].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });
  it('still reads a decision stored with its full trace (the format before compaction)', async () => {
    const { decision } = decided.find((d) => d.decision.trace.length > 0)!;
    const { rows } = await t.db.query<{ id: number }>(
      `INSERT INTO claims (station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, submitted_by)
       VALUES ('S1', 'OLD-FORMAT-1', 1, NULL, '{}', 'h-old', $1, $1, $1, 'test') RETURNING id`,
      [decision.receivedDate],
    );
    await t.db.query(
      `INSERT INTO decisions (claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, decided_by, decided_at)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, '[]', 'adjudicator', $8)`,
      [rows[0]!.id, decision.status, decision.totals.approvedFen, decision.ruleSet!.id, decision.ruleSet!.version, decision.ruleSet!.hash, JSON.stringify(decision), AT.toISOString()],
    );
    const [stored] = await new ClaimStore(t.db).decisions(Number(rows[0]!.id));
    expect(stored!.decision.trace).toEqual(decision.trace);
  });

  it('refuses to give back a compact trace that does not rebuild to its hash', async () => {
    const { id, decision } = decided.find((d) => d.decision.trace.length > 0)!;
    const { rows: [row] } = await t.db.query<{ decision: Decision | string }>('SELECT decision FROM decisions WHERE claim_id = $1', [id]);
    const stored = (typeof row!.decision === 'string' ? JSON.parse(row!.decision) : row!.decision) as { trace: { jobs: Array<[string, string]> } };
    // One condition's result flipped: what a damaged or edited row would hold.
    const [jobId, text] = stored.trace.jobs[0]!;
    stored.trace.jobs[0] = [jobId, text.includes('t') ? text.replace('t', 'f') : text.replace('f', 't')];
    const { rows } = await t.db.query<{ id: number }>(
      `INSERT INTO claims (station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, submitted_by)
       VALUES ('S1', 'TAMPERED-1', 1, NULL, '{}', 'h-tampered', $1, $1, $1, 'test') RETURNING id`,
      [decision.receivedDate],
    );
    await t.db.query(
      `INSERT INTO decisions (claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, decided_by, decided_at)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, '[]', 'adjudicator', $8)`,
      [rows[0]!.id, decision.status, decision.totals.approvedFen, decision.ruleSet!.id, decision.ruleSet!.version, decision.ruleSet!.hash, JSON.stringify(stored), AT.toISOString()],
    );
    await expect(new ClaimStore(t.db).decisions(Number(rows[0]!.id))).rejects.toThrow(/does not rebuild to its hash/);
  });

});
