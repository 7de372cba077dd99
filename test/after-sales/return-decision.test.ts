import { describe, expect, it } from 'vitest';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';
import { loadRuleBook, readSourceFiles } from '../../src/rules/rule-book.js';
import { validateFiles } from '../../src/rules/validation/validate-files.js';
import { filingRefusals, jointInspectionLastDay, whoPays, type ReturnFiling } from '../../src/after-sales/return-decision.js';

// The shipped e-bike policy's exchangeRefund section, applied without a database.
const policy = (await loadRuleBook(defaultRulesDir(), defaultPoliciesDir())).afterSales.at('e-bike', '2026-03-14')!.exchangeRefund!;
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
  it('rounds the dealer share half up and gives the manufacturer the rest, so the parts add up to the loss', () => {
    const split = whoPays({ ...base, invoiceFen: 12_345 }, [], policy);
    expect(split.payers.map((p) => p.fen)).toEqual([11_110, 1_235, 0, 0]);
    expect(split).toMatchObject({ lossFen: 12_345, refundToCustomerFen: 12_345 });
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
  it('is refused by the validation (rules validate, reload) on a dealer share over 100 %, naming the file and the field', async () => {
    const files = await readSourceFiles(defaultRulesDir(), defaultPoliciesDir());
    const edited = files.map((f) => {
      if (f.kind !== 'after-sales' || !f.file.includes('e-bike')) return f;
      const json = JSON.parse(f.text);
      json.exchangeRefund.dealerSharePct.refund = 120;
      return { ...f, text: JSON.stringify(json, null, 2) };
    });
    const errors = validateFiles(edited).problems.filter((p) => p.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ file: expect.stringContaining('e-bike/after-sales/2020-01-01.json'), path: 'exchangeRefund.dealerSharePct.refund' })]);
  });
});
