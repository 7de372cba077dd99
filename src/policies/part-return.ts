import type { DecisionLine } from '../adjudication/decision.js';
import type { LoadedPolicy } from '../rules/rule-book.js';
import { plusDays } from '../terms/term-arithmetic.js';

/** Must this line's old part come back before it is paid? (the policy's part-return list) */
export function mustReturn(line: DecisionLine, policy: LoadedPolicy): boolean {
  if (line.kind !== 'part' || !line.component) return false;
  const category = policy.file.components[line.component]?.category;
  const { categories, components } = policy.file.partReturn;
  return components.includes(line.component) || (category !== undefined && categories.includes(category));
}

/** The last day for the old part to arrive: the policy's deadline counted from `fromIso`. */
export function returnDeadline(fromIso: string, policy: LoadedPolicy): string {
  return plusDays(fromIso, policy.file.partReturn.deadlineDays, policy.file.timeZone);
}
