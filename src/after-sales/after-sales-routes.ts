import { Router } from 'express';
import type { Db } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { SettlementService } from '../settlement/settlement-service.js';
import type { AfterSalesLookups } from '../settlement/after-sales-lookups.js';
import { AfterSalesPolicies } from './after-sales-policy.js';
import { OldPartService } from './old-part-service.js';
import { OldPartStore } from './old-part-store.js';
import { GoodwillStore } from './goodwill-store.js';
import { oldPartRoutes } from './old-part-routes.js';
import { PaymentService } from './payment-service.js';
import { paymentRoutes } from './payment-routes.js';
import { serviceLevelRoutes } from './service-level-routes.js';
import { GoodwillService } from './goodwill-service.js';
import { goodwillRoutes } from './goodwill-routes.js';
import { ReturnService } from './return-service.js';
import { returnRoutes } from './return-routes.js';
import { ReturnStore } from './return-store.js';
import { returnDebitsOf } from './return-debits.js';

export interface AfterSalesDeps {
  db: Db;
  ruleBook: () => RuleBook;
  clock: () => Date;
}

/** What the settlement shows of the after-sales records: re-inspections, charge-backs to the station, goodwill, what approved returns cost it. */
export function afterSalesLookupsOf(deps: Pick<AfterSalesDeps, 'db' | 'clock'>): AfterSalesLookups {
  const oldParts = new OldPartService(deps.db, () => new AfterSalesPolicies([]), deps.clock);
  const oldPartStore = new OldPartStore(deps.db);
  const goodwill = new GoodwillStore(deps.db);
  const returns = new ReturnStore(deps.db);
  return {
    recoveryStatus: (claimNumbers) => oldParts.statusByLine(claimNumbers),
    chargeBacks: (range) => oldPartStore.stationChargeBacks(range),
    goodwill: (period, stationId) => goodwill.list({ ...period, stationId }),
    returnDebits: async (period, stationId) => returnDebitsOf(await returns.approvedFor(period.from, period.to, stationId), stationId),
  };
}

/** After the decision (issue 14): old parts to suppliers, statement to payment, service levels. */
export function afterSalesRoutes(deps: AfterSalesDeps, settlement: SettlementService): Router {
  // The rule book in force carries the after-sales policies: validated and reloaded with it.
  const policies = () => deps.ruleBook().afterSales;
  const router = Router();
  router.use(oldPartRoutes(new OldPartService(deps.db, policies, deps.clock), settlement));
  router.use(paymentRoutes(new PaymentService(deps.db, settlement, policies, deps.clock)));
  router.use(serviceLevelRoutes(deps.db, policies));
  router.use(goodwillRoutes(new GoodwillService(deps.db, deps.ruleBook, policies, deps.clock)));
  router.use(returnRoutes(new ReturnService(deps.db, deps.ruleBook, policies, deps.clock)));
  return router;
}
