import { DateTime } from 'luxon';
import type { Db } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { Decision } from '../adjudication/decision.js';
import { decisionOfRow } from '../adjudication/decision-codec.js';
import { ledgerOf, type LedgerEntry } from './ledger.js';
import { SettlementStore } from './settlement-store.js';
import { noAfterSales, type AfterSalesLookups, type GoodwillRecord, type RecoveryLineStatus } from './after-sales-lookups.js';
import { chargeBackLines } from './charge-backs.js';
import { percentOf } from '../money/percent.js';

export type { RecoveryLineStatus, RecoveryStatusLookup } from './after-sales-lookups.js';

export interface Period {
  /** First day, inclusive, ISO. */
  from: string;
  /** Last day, inclusive, ISO. */
  to: string;
}

function instants(period: Period, zone: string) {
  const from = DateTime.fromISO(period.from, { zone }).startOf('day');
  const to = DateTime.fromISO(period.to, { zone }).plus({ days: 1 }).startOf('day');
  return { fromInstant: from.toUTC().toISO() as string, toInstant: to.toUTC().toISO() as string };
}

export function monthPeriod(month: string, zone: string): Period {
  const start = DateTime.fromISO(`${month}-01`, { zone });
  return { from: start.toISODate() as string, to: start.endOf('month').toISODate() as string };
}

const sum = (entries: readonly LedgerEntry[]) => entries.reduce((s, e) => s + e.bookedFen, 0);

function recoveryFields(status: RecoveryLineStatus | undefined) {
  return status ? { oldPartId: status.oldPartId, reinspection: status.recovery, chargedBackTo: status.chargedBackTo } : {};
}
const goodwillLine = (g: GoodwillRecord) => ({
  grantedOn: g.grantedOn, claimNumber: g.claimNumber, lineId: g.lineId, baseFen: g.baseFen, manufacturerFen: g.manufacturerFen,
  supplierId: g.supplierId, supplierFen: g.supplierFen, customerFen: g.customerFen, paidFen: g.manufacturerFen + g.supplierFen,
});

/** Station statements, supplier recovery notices and station accuracy, from the decision versions. */
export class SettlementService {
  private readonly store: SettlementStore;

  constructor(
    private readonly db: Db,
    private readonly ruleBook: () => RuleBook,
    /** Re-inspections, charge-backs and goodwill from the after-sales records; without them none show. */
    private readonly afterSales: AfterSalesLookups = noAfterSales,
  ) {
    this.store = new SettlementStore(db);
  }

  private zone(): string {
    return this.ruleBook().policies[0]?.file.timeZone ?? 'UTC';
  }

  /** Every change of a final amount booked in the period (optionally for one station). */
  async ledger(period: Period, stationId?: string): Promise<LedgerEntry[]> {
    const zone = this.zone();
    const byClaim = await this.store.versions({ ...instants(period, zone), stationId }, zone);
    const entries: LedgerEntry[] = [];
    for (const versions of byClaim.values()) {
      for (const e of ledgerOf(versions)) if (e.bookedOn >= period.from && e.bookedOn <= period.to) entries.push(e);
    }
    return entries.sort((a, b) => (a.bookedOn + a.claimNumber + a.lineId < b.bookedOn + b.claimNumber + b.lineId ? -1 : 1));
  }

  /**
   * 服务站月度报单费用核算: what a station is paid for a month, line by line, with the deductions and why;
   * goodwill granted that month apart from warranty; and the lines whose cost a second inspection
   * returned to the station that month, debited (004 §8.2.2); what the whole-unit returns approved that month
   * cost the station — its dealer share, the accessories missing when it was the repairer — debited (004 §9.2–9.5).
   * Net = warranty + goodwill − charged back − return debits.
   */
  async stationStatement(stationId: string, month: string) {
    const zone = this.zone();
    const period = monthPeriod(month, zone);
    const entries = await this.ledger(period, stationId);
    const range = instants(period, zone);
    const records = await this.afterSales.chargeBacks({ ...range, zone, stationId });
    const versions = await this.store.versionsOfClaims(stationId, records.map((r) => r.claimNumber), range.toInstant, zone);
    const chargeBacks = chargeBackLines(records, versions, period.to);
    const goodwill = (await this.afterSales.goodwill(period, stationId)).map(goodwillLine);
    const returnDebits = (await this.afterSales.returnDebits(period, stationId)).map(({ stationId: _debited, ...d }) => d);
    const paid = sum(entries);
    const goodwillPaid = goodwill.reduce((s, g) => s + g.paidFen, 0);
    const chargedBackFen = chargeBacks.reduce((s, c) => s + c.amountFen, 0);
    const returnDebitedFen = returnDebits.reduce((n, d) => n + d.amountFen, 0);
    const lines = entries.map((e) => ({
      bookedOn: e.bookedOn,
      claimNumber: e.claimNumber,
      decisionVersion: e.version,
      unitId: e.unitId,
      lineId: e.lineId,
      kind: e.kind,
      partNumber: e.partNumber ?? null,
      operationCode: e.operationCode ?? null,
      liableParty: e.liableParty,
      claimedFen: e.claimedFen,
      approvedFen: e.approvedFen,
      deductedFen: e.bookedFen > 0 ? e.claimedFen - e.approvedFen : 0,
      paidFen: e.bookedFen,
      deductions: e.bookedFen > 0 ? e.adjustments.map((a) => ({ code: a.code, amountFen: a.amountFen, message: a.message })) : [],
    }));
    return {
      stationId,
      month,
      period,
      currency: 'CNY',
      lines,
      goodwill,
      chargeBacks,
      returnDebits,
      totals: {
        lines: lines.length,
        claimedFen: lines.filter((l) => l.paidFen > 0).reduce((s, l) => s + l.claimedFen, 0),
        deductedFen: lines.reduce((s, l) => s + l.deductedFen, 0),
        paidFen: paid,
        goodwillFen: goodwillPaid,
        chargedBackFen,
        returnDebitedFen,
        netFen: paid + goodwillPaid - chargedBackFen - returnDebitedFen,
      },
    };
  }

  /** 向供应商索赔结算通知单: per liable supplier, chassis maker or station, the covered lines charged to them. */
  async recoveries(period: Period, party?: string) {
    const entries = (await this.ledger(period)).filter(
      (e) => ['supplier', 'chassis-maker', 'service-station'].includes(e.liableParty.type) && (party === undefined || e.liableParty.id === party),
    );
    const byParty = new Map<string, { party: LedgerEntry['liableParty']; lines: LedgerEntry[] }>();
    for (const e of entries) {
      const key = `${e.liableParty.type}:${e.liableParty.id ?? ''}`;
      const group = byParty.get(key) ?? { party: e.liableParty, lines: [] };
      group.lines.push(e);
      byParty.set(key, group);
    }
    const grants = (await this.afterSales.goodwill(period)).filter((g) => g.supplierId !== null && g.supplierFen > 0 && (party === undefined || g.supplierId === party));
    for (const g of grants) {
      const key = `supplier:${g.supplierId}`;
      if (!byParty.has(key)) byParty.set(key, { party: { type: 'supplier', id: g.supplierId as string }, lines: [] });
    }
    const goodwillOf = (p: LedgerEntry['liableParty']) => (p.type === 'supplier' ? grants.filter((g) => g.supplierId === p.id) : []);
    const statuses = await this.afterSales.recoveryStatus(entries.map((e) => e.claimNumber));
    const statusOf = (e: LedgerEntry) => statuses.get(`${e.stationId}\u0000${e.claimNumber}\u0000${e.lineId}`);
    const rejected = (e: LedgerEntry) => statusOf(e)?.recovery === 'rejected';
    return {
      period,
      currency: 'CNY',
      notices: [...byParty.values()].map((g) => ({
        party: g.party,
        lines: g.lines.map((e) => ({
          bookedOn: e.bookedOn,
          claimNumber: e.claimNumber,
          stationId: e.stationId,
          unitId: e.unitId,
          decisionVersion: e.version,
          lineId: e.lineId,
          kind: e.kind,
          causalPartNumber: e.causalPartNumber,
          partNumber: e.partNumber ?? null,
          oldPart: e.oldPart,
          amountFen: e.bookedFen,
          // Only a line whose old part is at the central store has a re-inspection to show.
          ...recoveryFields(statusOf(e)),
        })),
        totalFen: sum(g.lines),
        /** Lines both inspections rejected (004 §8.2.2): no longer claimed from this party. */
        rejectedFen: sum(g.lines.filter(rejected)),
        recoverableFen: sum(g.lines.filter((e) => !rejected(e))),
        /** The supplier's share of goodwill granted in the period: claimed apart from warranty. */
        goodwill: goodwillOf(g.party).map((x) => ({ grantedOn: x.grantedOn, stationId: x.stationId, claimNumber: x.claimNumber, lineId: x.lineId, baseFen: x.baseFen, supplierFen: x.supplierFen })),
        goodwillFen: goodwillOf(g.party).reduce((n, x) => n + x.supplierFen, 0),
      })),
      totalFen: sum(entries),
      goodwillFen: grants.reduce((n, x) => n + x.supplierFen, 0),
    };
  }

  /**
   * 三包判断准确率 (SPEC §8): of a station's claimed warranty lines decided so far, the share approved
   * (in full or cut), overall and for the lines of electrical components; pended lines wait apart.
   */
  async accuracy(stationId: string, period: Period) {
    const { rows } = await this.db.query<{ decision: Decision | string; product_line: string | null }>(
      `SELECT d.decision - 'trace' AS decision, u.product_line
         FROM claims c
         LEFT JOIN units u ON u.unit_id = c.unit_id
         JOIN LATERAL (SELECT d.decision FROM decisions d JOIN claims c2 ON c2.id = d.claim_id
                        WHERE c2.claim_number = c.claim_number AND c2.station_id = c.station_id ORDER BY d.version DESC LIMIT 1) d ON true
        WHERE c.station_id = $1 AND c.repair_date >= $2 AND c.repair_date <= $3
          AND c.revision = (SELECT max(revision) FROM claims c3 WHERE c3.station_id = c.station_id AND c3.claim_number = c.claim_number)`,
      [stationId, period.from, period.to],
    );
    const book = this.ruleBook();
    const tally = { overall: { decided: 0, approved: 0 }, electrical: { decided: 0, approved: 0 }, pended: 0 };
    for (const row of rows) {
      const decision = decisionOfRow(row.decision);
      const policy = row.product_line ? book.policyAt(row.product_line, decision.today) ?? book.policies.find((p) => p.file.productLine === row.product_line) : undefined;
      for (const job of decision.jobs) {
        const electrical = policy?.file.components[job.component]?.electrical === true;
        for (const line of job.lines) {
          if (line.status === 'pended') {
            tally.pended += 1;
            continue;
          }
          const approved = line.status === 'approved' || line.status === 'adjusted' ? 1 : 0;
          tally.overall.decided += 1;
          tally.overall.approved += approved;
          if (electrical) {
            tally.electrical.decided += 1;
            tally.electrical.approved += approved;
          }
        }
      }
    }
    const standard = book.policies.find((p) => p.file.accuracyStandard)?.file.accuracyStandard;
    const share = (t: { decided: number; approved: number }) => percentOf(t.approved, t.decided);
    const verdict = (pct: number | null, target: number | undefined) => (pct === null || target === undefined ? null : pct >= target);
    const overallPct = share(tally.overall);
    const electricalPct = share(tally.electrical);
    return {
      stationId,
      period,
      overall: { ...tally.overall, pct: overallPct, standardPct: standard?.overallPct ?? null, meetsStandard: verdict(overallPct, standard?.overallPct) },
      electrical: { ...tally.electrical, pct: electricalPct, standardPct: standard?.electricalPct ?? null, meetsStandard: verdict(electricalPct, standard?.electricalPct) },
      pendedLines: tally.pended,
    };
  }
}
