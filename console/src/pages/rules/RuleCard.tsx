import { useMessages } from '../../i18n/language';
import { ConditionTree } from './ConditionTree';
import { shown, type RuleDefinition } from './rule-file';

/** One rule, readable: its name, priority and event; opened, its description and condition tree. */
export function RuleCard({ rule, firedInCases, firedInDecisions }: { rule: RuleDefinition; firedInCases?: number; firedInDecisions?: number }) {
  const t = useMessages().rules;
  const params = Object.entries(rule.event.params ?? {}).map(([k, v]) => `${k}: ${shown(v)}`).join(', ');
  return (
    <details class="rule-card" data-rule={rule.name}>
      <summary>
        <code class="rule-name">{rule.name}</code>
        <span class="muted"> · {t.priority} {rule.priority} · </span>
        <span class={`event event-${rule.event.type}`}>{rule.event.type}</span>
        {params ? <code class="event-params"> {`{ ${params} }`}</code> : null}
        {firedInCases === 0 && firedInDecisions === 0 ? <span class="badge badge-warn"> {t.neverFired}</span> : null}
      </summary>
      {rule.description ? <p class="hint">{rule.description}</p> : null}
      <p class="label">{t.conditions}</p>
      <ConditionTree node={rule.conditions} />
    </details>
  );
}
