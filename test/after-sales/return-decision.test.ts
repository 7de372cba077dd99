import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPoliciesDir } from '../../src/config/paths.js';
import { afterSalesPolicySchema } from '../../src/after-sales/after-sales-policy.js';
import { filingRefusals, jointInspectionLastDay, whoPays, type ReturnFiling } from '../../src/after-sales/return-decision.js';

// The shipped e-bike policy's exchangeRefund section, applied without a database.
const shippedFile = path.join(defaultPoliciesDir(), 'e-bike', 'after-sales', '2020-01-01.json');
const policy = afterSalesPolicySchema.parse(JSON.parse(readFileSync(shippedFile, 'utf8'))).exchangeRefund!;
const problemPaths = (file: unknown) => afterSalesPolicySchema.safeParse(file).error?.issues.map((i) => i.path.join('.')) ?? [];
const filing = (o: Partial<ReturnFiling> = {}): ReturnFiling => ({
  kind: 'refund', reason: 'serious-quality-defect', requestedDate: '2026-03-14', saleDate: '2026-03-10',
  invoice: { number: 'INV-1', date: '2026-03-10', amountFen: 259_900 }, accessoriesMissing: [], documentsComplete: true, ...o,
});
const base = { kind: 'refund' as const, reason: 'serious-quality-defect', stationId: 'S1', repairerId: 'R-9', invoiceFen: 259_900, repairCostFen: null };

describe('exchange and refund checks (004 §9.1–9.2)', () => {
  it('takes a refund on the 7th day counting the sale day, refuses it on the 8th', () => {
    expect(filingRefusals(filing({ requestedDate: '2026-03-16' }), policy, 7)).toEqual([]);
    expect(filingRefusals(filing({ requestedDate: '2026-03-17' }), policy, 7)).toEqual(['WA-RETURN-WINDOW']);
  });

  it('names every failed condition: non-performance reason, invoice not of the sale day, documents missing', () => {
    expect(filingRefusals(filing({ reason: 'colour-or-model-preference', invoice: { number: 'I', date: '2026-03-09', amountFen: 1 }, documentsComplete: false }), policy, 7))
      .toEqual(['WA-RETURN-NOT-PERFORMANCE', 'WA-RETURN-INVOICE', 'WA-RETURN-INCOMPLETE']);
  });

  it('puts no condition on a repair', () => {
    expect(filingRefusals(filing({ kind: 'repair', reason: 'customer-changed-mind', invoice: null, requestedDate: '2026-05-01' }), policy, 7)).toEqual([]);
  });

  it('gives the dealer the last of 7 days after the unit is back', () => {
    expect(jointInspectionLastDay('2026-02-25', policy)).toBe('2026-03-04');
  });
});

describe('who pays an approved return', () => {
  it('puts a refund for a serious quality defect wholly on the manufacturer (§9.1: the shipped dealer share is 0)', () => {
    const split = whoPays(base, [], policy);
    expect(split.payers.map((p) => [p.party, p.fen])).toEqual([['manufacturer', 259_900], ['dealer', 0], ['repairer', 0], ['customer', 0]]);
    expect(split).toMatchObject({ lossFen: 259_900, refundToCustomerFen: 259_900 });
  });

  it('gives the dealer the policy\'s 30 % of an approved non-performance repair, rounded half up, the manufacturer the rest (§9.2)', () => {
    const split = whoPays({ ...base, kind: 'repair', reason: 'customer-changed-mind', repairCostFen: 12_345 }, [], policy);
    expect(split.payers.map((p) => [p.party, p.fen])).toEqual([['manufacturer', 8_641], ['dealer', 3_704], ['repairer', 0], ['customer', 0]]);
    expect(split).toMatchObject({ lossFen: 12_345, refundToCustomerFen: 0 });
  });

  it('puts the whole repair of a unit that failed the exchange conditions on the dealer (§9.5)', () => {
    const split = whoPays({ ...base, kind: 'repair', reason: 'serious-quality-defect', repairCostFen: 38_000 }, [], policy);
    expect(split.payers.map((p) => [p.party, p.id, p.fen])).toEqual([['manufacturer', null, 0], ['dealer', 'S1', 38_000], ['repairer', 'R-9', 0], ['customer', null, 0]]);
  });

  it('follows the policy file, not the code: a reason switched to manufacturer-shared and a dealer refund share of 5 % change the split', () => {
    const edited = structuredClone(policy);
    edited.reasons['serious-quality-defect']!.repairPayer = 'manufacturer-shared';
    edited.dealerSharePct.refund = 5;
    expect(whoPays({ ...base, kind: 'repair', repairCostFen: 38_000 }, [], edited).payers.map((p) => p.fen)).toEqual([26_600, 11_400, 0, 0]);
    expect(whoPays(base, [], edited).payers.map((p) => p.fen)).toEqual([246_905, 12_995, 0, 0]);
  });

  it('charges the accessories missing at the inspection to the repairer at the policy prices', () => {
    const split = whoPays({ ...base, kind: 'exchange' }, ['charger', 'toolkit'], policy);
    expect(split.payers.find((p) => p.party === 'repairer')).toMatchObject({ id: 'R-9', fen: 12_000 + 1_800 });
    expect(split.refundToCustomerFen).toBe(0);
  });

  it('lets the customer pay a priced repair of its own damage (§9.4)', () => {
    const split = whoPays({ ...base, kind: 'repair', reason: 'human-damage', repairCostFen: 45_000 }, [], policy);
    expect(split.payers.map((p) => [p.party, p.fen])).toEqual([['manufacturer', 0], ['dealer', 0], ['repairer', 0], ['customer', 45_000]]);
  });
});

describe('the exchangeRefund policy section', () => {
  it('refuses a dealer share over 100 %, naming the field', () => {
    const shipped = JSON.parse(readFileSync(shippedFile, 'utf8'));
    shipped.exchangeRefund.dealerSharePct.refund = 120;
    expect(problemPaths(shipped)).toEqual(['exchangeRefund.dealerSharePct.refund']);
  });

  it('refuses a reason without a known repairPayer, naming the field', () => {
    const shipped = JSON.parse(readFileSync(shippedFile, 'utf8'));
    shipped.exchangeRefund.reasons['human-damage'].repairPayer = 'supplier';
    expect(problemPaths(shipped)).toEqual(['exchangeRefund.reasons.human-damage.repairPayer']);
  });
});
