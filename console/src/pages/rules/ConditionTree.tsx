import { useMessages } from '../../i18n/language';
import { shown, type ConditionNode } from './rule-file';

/** A rule's conditions as a nested list: all / any / not, named conditions, and fact · operator · value. */
export function ConditionTree({ node }: { node: ConditionNode }) {
  const t = useMessages().rules;
  if ('all' in node || 'any' in node) {
    const children = 'all' in node ? node.all : node.any;
    return (
      <div class="condition-group">
        <span class="condition-join">{'all' in node ? t.all : t.any}</span>
        <ul>
          {children.map((child, i) => (
            <li key={i}><ConditionTree node={child} /></li>
          ))}
        </ul>
      </div>
    );
  }
  if ('not' in node) {
    return (
      <div class="condition-group">
        <span class="condition-join">{t.not}</span>
        <ul><li><ConditionTree node={node.not} /></li></ul>
      </div>
    );
  }
  if ('condition' in node) {
    return <span class="condition-leaf"><span class="condition-join">{t.namedCondition}</span> <code>{node.condition}</code></span>;
  }
  return (
    <span class="condition-leaf">
      <code class="fact">{node.fact}</code>
      {node.path ? <> <span class="muted">{t.path}</span> <code>{node.path}</code></> : null}
      {' '}<code class="operator">{node.operator}</code>{' '}
      <code class="value">{shown(node.value)}</code>
    </span>
  );
}
