/**
 * The after-sales policy (policies/<line>/after-sales/<from>.json) is read, validated and reloaded
 * with the rest of the rule book (src/rules/rule-book.ts); its schema lives with the policy types.
 */
export { afterSalesPolicySchema, AfterSalesPolicies, exchangeRefundPolicySchema, type AfterSalesPolicy, type ExchangeRefundPolicy } from '../policies/after-sales-policy-schema.js';
