import { describe, expect, it } from 'vitest';
import { compactDecision, decisionOfRow, expandDecision, isCompactDecision, unpackJob } from '../../../src/adjudication/decision-codec.js';
import type { Decision } from '../../../src/adjudication/decision.js';
import { buildClaim, buildJob, buildNevUnit } from '../../support/builders.js';
import { decide } from '../../support/decide.js';

// The decision as the decisions table stores it (issue 13): compact, and whole again on reading.
const unit = buildNevUnit({ saleDate: '2021-03-15' });
const today = '2026-03-20';
/** A battery job paid with its part held for return and its auxiliary line cut, and a job denied by a rule. */
const claim = buildClaim({
  odometerKm: 150_000, failureDate: '2026-03-14', repairDate: '2026-03-16',
  jobs: [buildJob({ auxiliaryFen: 900_000 }), buildJob({ jobId: 'J2', component: 'cab-lamp', failureMode: 'open-circuit', cause: 'accident', causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 } })],
});
const through = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('the compact decision', () => {
  it('reads back through JSON as the decision adjudication produced', async () => {
    const decision = await decide({ unit, claim, today });
    const compact = compactDecision(decision)!;
    expect(isCompactDecision(compact)).toBe(true);
    expect(decisionOfRow<Decision>(JSON.stringify(compact))).toEqual(decision);
    expect(Buffer.byteLength(JSON.stringify({ ...compact, trace: [] }))).toBeLessThan(0.7 * Buffer.byteLength(JSON.stringify({ ...decision, trace: [] })));
  });

  it('keeps in place what SQL reads: totals.claimedFen, a line’s hold and deadline, each job alone', async () => {
    const decision = await decide({ unit, claim, today });
    const stored = through(compactDecision(decision)) as { totals: { claimedFen: number }; jobs: Array<{ lines: Array<{ hold?: string; holdDeadline?: string }> }> };
    expect(stored.totals.claimedFen).toBe(decision.totals.claimedFen);
    const held = decision.jobs[0]!.lines.find((l) => l.hold)!;
    expect(stored.jobs[0]!.lines.some((l) => l.hold === held.hold && l.holdDeadline === held.holdDeadline)).toBe(true);
    expect(stored.jobs.map((j) => unpackJob(j))).toEqual(decision.jobs);
  });

  it('stores a decision whole when its compact form would not read back as it (a part line without a component)', async () => {
    const decision = await decide({ unit, claim, today });
    const { component: _component, ...line } = decision.jobs[0]!.lines[0]!;
    const odd: Decision = { ...decision, jobs: [{ ...decision.jobs[0]!, lines: [line, ...decision.jobs[0]!.lines.slice(1)] }, ...decision.jobs.slice(1)] };
    expect(compactDecision(odd)).toBeNull();
  });

  it('gives a decision stored before the compact form back as it is', async () => {
    const decision = await decide({ unit, claim, today });
    expect(expandDecision(decision)).toBe(decision);
    expect(decisionOfRow<Decision>(JSON.stringify(decision))).toEqual(decision);
  });
});
