import { plusDays } from '../terms/term-arithmetic.js';
import type { ExchangeRefundPolicy } from './after-sales-policy.js';
import type { ReturnKind } from './return-store.js';
import type { ReturnPayer } from './return-status.js';

/** What a request says at filing, as the checks of 004 §9.1–9.2 read it. */
export interface ReturnFiling {
  kind: ReturnKind;
  reason: string;
  requestedDate: string;
  saleDate: string;
  invoice: { number: string; date: string; amountFen: number } | null;
  accessoriesMissing: readonly string[];
  documentsComplete: boolean;
}

/**
 * The reasons an exchange or refund is refused at filing (§9.1: a performance fault, a valid invoice
 * dated on the sale, within the window from the purchase, the unit, accessories and documents complete;
 * §9.2: not for non-performance reasons). A repair (§9.2 approved, §9.4, §9.5) has no such conditions.
 */
export function filingRefusals(f: ReturnFiling, policy: ExchangeRefundPolicy, windowDays: number): string[] {
  if (f.kind === 'repair') return [];
  const codes: string[] = [];
  if (policy.reasons[f.reason]?.performanceFault !== true) codes.push('WA-RETURN-NOT-PERFORMANCE');
  if (!f.invoice || f.invoice.date !== f.saleDate || f.invoice.date > f.requestedDate) codes.push('WA-RETURN-INVOICE');
  else if (f.requestedDate > plusDays(f.invoice.date, windowDays - 1)) codes.push('WA-RETURN-WINDOW');
  if (f.accessoriesMissing.length > 0 || !f.documentsComplete) codes.push('WA-RETURN-INCOMPLETE');
  return codes;
}

/** The last day the dealer or repairer may attend the joint inspection of a unit back at the factory (§9.3). */
export function jointInspectionLastDay(arrivedDate: string, policy: ExchangeRefundPolicy): string {
  return plusDays(arrivedDate, policy.jointInspectionDays);
}

/**
 * Who pays what of an approved return, in fen. The loss is the invoice amount of an exchange or refund,
 * or the priced repair; the dealer bears the policy's share of it (§9.2), the manufacturer the rest, the
 * customer a repair of its own damage (§9.4); the accessories the inspection found missing are charged
 * to the repairer at the policy's prices (§9.3).
 */
export function whoPays(
  r: { kind: ReturnKind; reason: string; stationId: string; repairerId: string; invoiceFen: number | null; repairCostFen: number | null },
  accessoriesMissing: readonly string[],
  policy: ExchangeRefundPolicy,
): { lossFen: number; refundToCustomerFen: number; payers: ReturnPayer[] } {
  const lossFen = (r.kind === 'repair' ? r.repairCostFen : r.invoiceFen) ?? 0;
  const customerPays = r.kind === 'repair' && policy.reasons[r.reason]?.customerPaysRepair === true;
  const pct = policy.dealerSharePct[r.kind];
  const dealerFen = customerPays ? 0 : Math.round((lossFen * pct) / 100);
  const manufacturerFen = customerPays ? 0 : lossFen - dealerFen;
  const repairerFen = accessoriesMissing.reduce((n, a) => n + (policy.accessoryPricesFen[a] ?? 0), 0);
  return {
    lossFen,
    refundToCustomerFen: r.kind === 'refund' ? lossFen : 0,
    payers: [
      { party: 'manufacturer', id: null, fen: manufacturerFen, why: customerPays ? 'the customer\'s own damage' : `the loss less the dealer's ${pct} %` },
      { party: 'dealer', id: r.stationId, fen: dealerFen, why: customerPays ? 'the customer\'s own damage' : `${pct} % of the loss (${r.kind})` },
      { party: 'repairer', id: r.repairerId, fen: repairerFen, why: accessoriesMissing.length ? `missing at the inspection: ${accessoriesMissing.join(', ')}` : 'nothing missing' },
      { party: 'customer', id: null, fen: customerPays ? lossFen : 0, why: customerPays ? 'priced repair of the customer\'s own damage (§9.4)' : 'nothing' },
    ],
  };
}
