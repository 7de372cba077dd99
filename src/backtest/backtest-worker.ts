import { workerData } from 'piscina';
import { buildRuleBook, type RuleBookOptions } from '../rules/rule-book.js';
import type { SourceFile } from '../rules/validation/validate-files.js';
import type { Decision } from '../adjudication/decision.js';
import { reDecide, type BacktestItem } from './re-decide.js';

/** A backtest worker: builds the draft once from its files, then re-decides batches of stored claims. */
const { files, options } = workerData as { files: SourceFile[]; options: RuleBookOptions };
const draft = buildRuleBook(files, options);

export default async function reDecideBatch(items: BacktestItem[]): Promise<Array<{ claimId: number; decision: Decision }>> {
  const changed: Array<{ claimId: number; decision: Decision }> = [];
  for (const item of items) {
    const decision = await reDecide(item, draft);
    if (decision) changed.push({ claimId: item.claimId, decision });
  }
  return changed;
}
