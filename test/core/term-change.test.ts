import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaim, buildJob, buildNevUnit } from '../support/builders.js';
import { codesOf, decide, jobOf } from '../support/decide.js';
import { copyShippedRuleBook, shippedRuleBook, type RuleBookCopy } from '../support/rule-book.js';
import type { RuleBook } from '../../src/rules/rule-book.js';

// A policy owner changes a term with a one-line text edit of the rule file: no TypeScript changes.
const termLine = '"event": {"type": "term", "params": {"term": "small-three-electric", "months": 36}}';

const unit = buildNevUnit({ saleDate: '2024-06-01' });
// Month 40 after a sale on 2024-06-01: past 36 months (last covered day 2027-05-31), inside 48.
const steeringAtMonth40 = buildClaim({
  odometerKm: 120_000, failureDate: '2027-09-15', repairDate: '2027-09-16',
  jobs: [buildJob({ component: 'electric-steering', failureMode: 'malfunction', cause: 'defect-manufacturing', causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 } })],
});
const today = '2027-09-20';

describe('changing small-three-electric from 36 to 48 months in rules/', () => {
  let copy: RuleBookCopy;
  let edited: RuleBook;

  beforeAll(async () => {
    copy = await copyShippedRuleBook();
    await copy.edit('rules/nev-special-vehicle/2021-01-01.json', termLine, termLine.replace('"months": 36', '"months": 48'));
    edited = await copy.load();
  });
  afterAll(() => copy.remove());

  it('denies a steering failure in month 40 under the shipped 36 months: EW', async () => {
    const job = jobOf(await decide({ unit, claim: steeringAtMonth40, today, ruleBook: await shippedRuleBook() }));
    expect(codesOf(job)).toEqual(['EW']);
    expect(job.coverage).toMatchObject({ term: 'small-three-electric', lastCoveredDay: '2027-05-31' });
  });

  it('covers the same steering failure once the term reads 48 months', async () => {
    const decision = await decide({ unit, claim: steeringAtMonth40, today, ruleBook: edited });
    const job = jobOf(decision);
    expect(decision.status).toBe('approved');
    expect(job.covered).toBe(true);
    expect(codesOf(job)).toEqual([]);
    expect(job.liableParty).toEqual({ type: 'supplier', id: 'SUP-EPS-01' });
    expect(job.coverage).toMatchObject({ term: 'small-three-electric', lastCoveredDay: '2028-05-31' });
  });

  it('stamps the decision with the edited rule set\'s new hash', async () => {
    const before = await decide({ unit, claim: steeringAtMonth40, today, ruleBook: await shippedRuleBook() });
    const after = await decide({ unit, claim: steeringAtMonth40, today, ruleBook: edited });
    expect(after.ruleSet?.version).toBe('2021-01-01');
    expect(after.ruleSet?.hash).not.toBe(before.ruleSet?.hash);
  });

  it('leaves the other terms alone: a battery\'s 60 months still end on 2029-05-31', async () => {
    const job = jobOf(await decide({ unit, claim: buildClaim({ odometerKm: 120_000, failureDate: '2027-09-15', repairDate: '2027-09-16' }), today, ruleBook: edited }));
    expect(job.coverage).toMatchObject({ term: 'core-three-electric', lastCoveredDay: '2029-05-31' });
  });
});
