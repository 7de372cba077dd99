import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import { claimSchema } from '../../src/claims/claim-schema.js';
import { ClaimStore } from '../../src/claims/claim-store.js';
import { repeatsNeeded } from '../../src/claims/history-needs.js';
import { UnitStore } from '../../src/units/unit-store.js';
import { PreAuthorisationStore, referencedNumbers } from '../../src/preauthorisations/preauthorisation-store.js';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { batteryJob, buildClaim, buildNevUnit, decide, lampJob, registerUnit } from '../e2e/fixtures.js';

/** A decision without its trace: what the rules concluded, the money, the reasons. */
const outcome = (d: { trace?: unknown; jobs: Array<Record<string, unknown>> } & Record<string, unknown>) => ({ ...d, trace: undefined, jobs: d.jobs.map((j) => ({ ...j, trace: undefined })) });

describe(`a submission reads only the history that can change its decision (${databaseKind})`, () => {
  let t: TestApp;
  let unit: ReturnType<typeof buildNevUnit>;
  const store = () => new ClaimStore(t.db);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
    unit = await registerUnit(t, buildNevUnit({ saleDate: '2024-12-01' }));
    // A busy unit: lamps covered and denied month after month, batteries repaired again and again
    // (one odometer reading far above the rest), filed on time, all under the battery pre-authorisation.
    const month = (m: number) => `2025-${String(m).padStart(2, '0')}`;
    for (let m = 1; m <= 11; m += 1) {
      await decide(t, buildClaim(unit, { odometerKm: 10_000 * m, failureDate: `${month(m)}-03`, repairDate: `${month(m)}-05`, receivedDate: `${month(m)}-07`, jobs: [lampJob(m % 3 === 0 ? { cause: 'misuse' } : {})], preAuthorisationNumber: undefined }));
    }
    for (let m = 1; m <= 6; m += 1) {
      await decide(t, buildClaim(unit, { odometerKm: m === 4 ? 190_000 : 130_000 + m, failureDate: `2026-01-${10 + m * 2}`, repairDate: `2026-01-${11 + m * 2}`, receivedDate: `2026-01-${13 + m * 2}` }));
    }
  }, 180_000);
  afterAll(() => t?.close());

  const probes = (): ClaimInput[] => [
    // a lamp back 15 days after its covered repair (comeback), with a lower odometer than before (MRA)
    buildClaim(unit, { failureDate: '2025-05-20', repairDate: '2025-05-21', receivedDate: '2025-05-22', odometerKm: 52_000, jobs: [lampJob()], preAuthorisationNumber: undefined }),
    // a battery after several covered battery repairs (repeat failure, comeback) below the highest reading (MRA)
    buildClaim(unit, { failureDate: '2026-02-20', repairDate: '2026-02-21', receivedDate: '2026-02-23', odometerKm: 150_000 }),
    // a battery repair overlapping one already claimed (DC)
    buildClaim(unit, { failureDate: '2026-01-13', repairDate: '2026-01-14', receivedDate: '2026-01-15', odometerKm: 130_001 }),
    // two jobs at once, long after the lamps
    buildClaim(unit, { failureDate: '2026-03-10', repairDate: '2026-03-12', receivedDate: '2026-03-13', odometerKm: 195_000, jobs: [lampJob(), batteryJob({ jobId: 'J2' })] }),
  ];

  it('decides every probe claim exactly as the whole history would, while reading a bounded part of it', async () => {
    const book = t.ruleBook;
    const found = await new UnitStore(t.db).findByIdentity(unit);
    const full = await store().historyOf(found!.unitId);
    expect(full.length).toBe(17);
    const codes = new Set<string>();
    for (const input of probes()) {
      const claim = claimSchema.parse(input);
      const numbers = referencedNumbers([claim]);
      const relevant = await store().relevantHistory(found!.unitId, { ...claim, components: claim.jobs.map((j) => j.component), preAuthorisationNumbers: numbers }, repeatsNeeded(book));
      expect(relevant.length).toBeLessThan(full.length);
      const preAuthorisations = await new PreAuthorisationStore(t.db).getMany(numbers);
      const common = { claim, unit: found, ruleBook: book, today: '2026-03-20', preAuthorisations };
      const withAll = await adjudicate({ ...common, history: full });
      const withRelevant = await adjudicate({ ...common, history: relevant });
      expect(outcome(withRelevant as never), claim.claimNumber).toEqual(outcome(withAll as never));
      for (const job of withAll.jobs) for (const r of job.reasons) codes.add(r.code);
    }
    expect([...codes]).toEqual(expect.arrayContaining(['WA-COMEBACK', 'WA-REPEAT', 'MRA', 'DC']));
  });

  it('reads the histories of claims submitted at once together, each the same as read alone, the first alone and the rest in one statement', async () => {
    const found = await new UnitStore(t.db).findByIdentity(unit);
    const queries = probes().map((input) => {
      const claim = claimSchema.parse(input);
      return { ...claim, components: claim.jobs.map((j) => j.component), preAuthorisationNumbers: referencedNumbers([claim]) };
    });
    const alone = [];
    for (const q of queries) alone.push(await store().relevantHistory(found!.unitId, q, repeatsNeeded(t.ruleBook)));
    let statements = 0;
    const counting = new ClaimStore({ query: (...args: Parameters<TestApp['db']['query']>) => ((statements += 1), t.db.query(...args)) } as TestApp['db']);
    const together = await Promise.all(queries.map((q) => counting.relevantHistory(found!.unitId, q, repeatsNeeded(t.ruleBook))));
    expect(together).toEqual(alone);
    // The probes read different parts of the history: an answer handed to the wrong claim would show.
    expect(new Set(alone.map((h) => h.map((e) => e.claimNumber).join())).size).toBeGreaterThan(2);
    expect(statements).toBe(2);
  });

  it('reads one more covered repair per component than any rule counts (the rules compare priorWarrantyRepairs with 2)', () => {
    expect(repeatsNeeded(t.ruleBook)).toBe(3);
  });
});
