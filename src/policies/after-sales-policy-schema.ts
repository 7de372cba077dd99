import { z } from '../zod.js';

const isoDateSchema = z.iso.date({ message: 'expected an ISO date YYYY-MM-DD' });
const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'codes are kebab-case');
const minutes = z.number().int().positive();

const pct = z.number().int().min(0).max(100);

/** 004 §9: which reasons are performance faults, the dealer's share of an approved return's loss, the joint inspection, the accessories. */
export const exchangeRefundPolicySchema = z.strictObject({
  /**
   * The reasons a return may be filed for; only a performance fault (产品性能故障) may be exchanged or refunded (§9.1–9.2).
   * `repairPayer` says who bears an approved repair filed for the reason: `manufacturer-shared` — the manufacturer less the
   * dealer's `dealerSharePct.repair` (§9.2: 经销商须部份承担损失); `dealer` — all of it (§9.5: a unit that does not meet the
   * exchange or refund conditions, repaired at the dealer's request: 承担修复费用); `customer` — all of it (§9.4: 人为因素, 计价修复).
   */
  reasons: z.record(code, z.strictObject({ performanceFault: z.boolean(), repairPayer: z.enum(['manufacturer-shared', 'dealer', 'customer']) })),
  /**
   * The dealer's share of an approved exchange's or refund's loss and of a `manufacturer-shared` repair; the manufacturer bears the
   * rest. The seed puts no share of an exchange or refund on the dealer (§9.1: the factory's quality defect) and names no figure for §9.2.
   */
  dealerSharePct: z.strictObject({ exchange: pct, refund: pct, repair: pct }),
  /** Days after the unit is back at the factory in which the dealer or repairer may attend the joint inspection (§9.3: 七日内). */
  jointInspectionDays: z.number().int().positive(),
  /** The accessories a unit comes with and what a missing one costs the repairer, in fen (§9.3: 凡缺损件，则由维修单位承担). */
  accessoryPricesFen: z.record(code, z.number().int().nonnegative()),
});
export type ExchangeRefundPolicy = z.infer<typeof exchangeRefundPolicySchema>;

/**
 * The after-sales business numbers of one product line (policies/<line>/after-sales/<from>.json):
 * what the old-part store accepts, the material sources a statement pays, and the service-level
 * limits with their exemptions. The code applies them; it does not know them.
 */
export const afterSalesPolicySchema = z.strictObject({
  productLine: code,
  effective: z.strictObject({ from: isoDateSchema, to: isoDateSchema.nullable().optional() }),
  oldParts: z.strictObject({
    /** What must come with an old part for the central store to accept it (004 §8.2.1). */
    receiptRequires: z.array(z.enum(['cause-tag', 'repair-record'])),
  }),
  materialSources: z.strictObject({
    /** Sources paid as claimed (000 费用结算室 §6: the manufacturer's channel). */
    accepted: z.array(code).min(1),
    /** Sources paid only with a proof of purchase. */
    withProofOfPurchase: z.array(code),
  }),
  serviceLevels: z.strictObject({
    /** Report → first contact with the customer (001 §4.5: within ten minutes); not measured when absent. */
    contactMinutes: minutes.optional(),
    /** Report → dispatch (000 §四.5: 1 h). */
    dispatchMinutes: minutes,
    /** Customer's arrival at the station → work started (000 §四.4: half an hour). */
    waitMinutes: minutes,
    /** Report → on site, by distance band (000 §四.5: 4 / 6 / 24 h). */
    onSiteMinutes: z.record(code, minutes),
    /** Work started (or on site) → completed, by the fault's difficulty (000 §四.4). */
    fixMinutes: z.record(code, minutes),
    /** Exemptions the seed names and the limits each one lifts. */
    exemptions: z.record(code, z.array(z.enum(['contact', 'dispatch', 'wait', 'on-site', 'fix'])).min(1)),
  }),
  /** Goodwill on an out-of-term or excluded line: the split by how far past the term (months and km), first band that fits. */
  goodwill: z.strictObject({
    /**
     * The reason codes that make a denied line one goodwill may be granted on: out of term and the
     * exclusions (misuse, accident, modification, wear part, no warranty card). A line denied for a
     * duplicate, a part not returned, a wrong causal part or a late filing gets none.
     */
    eligibleReasons: z.array(z.string().min(1)).min(1),
    bands: z
      .array(
        z.strictObject({ maxMonthsPast: z.number().int().nonnegative(), maxKmPast: z.number().int().nonnegative(), manufacturerPct: z.number().int().min(0).max(100), supplierPct: z.number().int().min(0).max(100), customerPct: z.number().int().min(0).max(100) })
          .refine((b) => b.manufacturerPct + b.supplierPct + b.customerPct === 100, { message: 'the shares add up to 100' }),
      )
      .min(1),
  }),
  /** Whole-unit exchange, refund or repair of a sold unit (004 §9); a line without it takes no returns. */
  exchangeRefund: exchangeRefundPolicySchema.optional(),
});
export type AfterSalesPolicy = z.infer<typeof afterSalesPolicySchema>;

/** Every after-sales policy version, and the one in force for a line on a date. */
export class AfterSalesPolicies {
  constructor(readonly versions: readonly AfterSalesPolicy[]) {}

  at(productLine: string, date: string): AfterSalesPolicy | null {
    let best: AfterSalesPolicy | null = null;
    for (const v of this.versions) {
      const { from, to } = v.effective;
      if (v.productLine !== productLine || date < from || (to && date >= to)) continue;
      if (!best || from > best.effective.from) best = v;
    }
    return best;
  }
}
