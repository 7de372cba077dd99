import { DateTime } from 'luxon';
import type { Queryable } from '../db/db.js';
import type { AfterSalesPolicies, AfterSalesPolicy } from './after-sales-policy.js';
import { ServiceLevelStore, type ServiceLevelFacts } from './service-level-store.js';
import { percentOf } from '../money/percent.js';

export const LIMITS = ['contact', 'dispatch', 'on-site', 'wait', 'fix'] as const;
export type Limit = (typeof LIMITS)[number];

export interface Measure {
  limit: Limit;
  minutes: number;
  limitMinutes: number;
  exempt: boolean;
}

const between = (from: string | undefined, to: string | undefined): number | null => {
  if (!from || !to) return null;
  const diff = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'minutes').minutes;
  return Number.isFinite(diff) ? Math.round(diff) : null;
};

/** One claim against the policy's limits: each limit it has both timestamps (and its band or difficulty) for. */
export function measure(facts: ServiceLevelFacts, policy: AfterSalesPolicy): Measure[] {
  const sl = policy.serviceLevels;
  const lifted = new Set((facts.exemptions ?? []).flatMap((e) => sl.exemptions[e] ?? []));
  const candidates: Array<[Limit, number | null, number | undefined]> = [
    ['contact', between(facts.reportedAt, facts.contactedAt), sl.contactMinutes],
    ['dispatch', between(facts.reportedAt, facts.dispatchedAt), sl.dispatchMinutes],
    ['on-site', between(facts.reportedAt, facts.arrivedAt), facts.distanceBand ? sl.onSiteMinutes[facts.distanceBand] : undefined],
    ['wait', between(facts.customerArrivedAt, facts.workStartedAt), sl.waitMinutes],
    ['fix', between(facts.workStartedAt ?? facts.arrivedAt, facts.completedAt), facts.difficulty ? sl.fixMinutes[facts.difficulty] : undefined],
  ];
  return candidates.flatMap(([limit, minutes, limitMinutes]) => (minutes === null || limitMinutes === undefined ? [] : [{ limit, minutes, limitMinutes, exempt: lifted.has(limit) }]));
}

/** Per station and period (000 §四.4–5, SPEC §10): for each limit the share of claims within it, and the late ones by claim number. */
export async function serviceLevelReport(db: Queryable, policies: AfterSalesPolicies, stationId: string, period: { from: string; to: string }) {
  const claims = await new ServiceLevelStore(db).claims(stationId, period.from, period.to);
  const tally = Object.fromEntries(LIMITS.map((l) => [l, { measured: 0, within: 0, late: 0, exempt: 0 }])) as Record<Limit, { measured: number; within: number; late: number; exempt: number }>;
  const late: Array<{ claimNumber: string; limit: Limit; minutes: number; limitMinutes: number; overMinutes: number }> = [];
  let withTimes = 0;
  for (const c of claims) {
    const policy = c.productLine ? policies.at(c.productLine, c.repairDate) : null;
    if (!c.serviceLevel || !policy) continue;
    withTimes += 1;
    for (const m of measure(c.serviceLevel, policy)) {
      const t = tally[m.limit];
      if (m.exempt) {
        t.exempt += 1;
        continue;
      }
      t.measured += 1;
      if (m.minutes <= m.limitMinutes) t.within += 1;
      else {
        t.late += 1;
        late.push({ claimNumber: c.claimNumber, limit: m.limit, minutes: m.minutes, limitMinutes: m.limitMinutes, overMinutes: m.minutes - m.limitMinutes });
      }
    }
  }
  return {
    stationId,
    period,
    claims: claims.length,
    claimsWithTimes: withTimes,
    limits: LIMITS.map((limit) => ({ limit, ...tally[limit], withinPct: percentOf(tally[limit].within, tally[limit].measured) })),
    late,
  };
}
