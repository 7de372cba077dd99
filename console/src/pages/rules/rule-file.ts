/** The shape of a rule set file as the page reads it (the API gives the stored JSON as it is). */
export type ConditionNode =
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | { condition: string }
  | { fact: string; operator: string; value: unknown; path?: string };

export interface RuleDefinition {
  name: string;
  description?: string;
  priority: number;
  conditions: ConditionNode;
  event: { type: string; params?: Record<string, unknown> };
}

export interface RuleSetFile {
  id: string;
  version: string;
  productLine: string;
  description?: string;
  conditions?: Record<string, ConditionNode>;
  rules: RuleDefinition[];
}

export function isRuleSetFile(content: unknown): content is RuleSetFile {
  return typeof content === 'object' && content !== null && Array.isArray((content as { rules?: unknown }).rules);
}

/** A value as the rule file writes it: JSON, short. */
export const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));
