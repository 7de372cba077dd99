import type { Engine } from 'json-rules-engine';
import { withinDays } from './within-days.js';
import { withinMonths } from './within-months.js';

/** The engine's built-in operators plus ours; the closed vocabulary a rule file may use. */
export const BUILT_IN_OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
] as const;
export const CUSTOM_OPERATORS = ['withinDays', 'withinMonths'] as const;
export const OPERATORS: readonly string[] = [...BUILT_IN_OPERATORS, ...CUSTOM_OPERATORS];

export function registerOperators(engine: Engine, zone: string): void {
  engine.addOperator(withinDays(zone));
  engine.addOperator(withinMonths(zone));
}
