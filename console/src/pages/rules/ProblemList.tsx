import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

/** Validation and lint problems, each at file:line:column with its JSON path. */
export function ProblemList({ problems, title }: { problems: Schemas['RuleFileProblem'][]; title: string }) {
  const t = useMessages().rules;
  if (problems.length === 0) return null;
  return (
    <section class="problems">
      <h3>{title}</h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i} class={`problem problem-${p.severity}`}>
            <span class={`badge ${p.severity === 'error' ? 'badge-fail' : 'badge-warn'}`}>{t.severity[p.severity] ?? p.severity}</span>{' '}
            <code>{t.at(p.file, p.line, p.column)}</code>
            {p.path ? <> <code class="muted">{p.path}</code></> : null} {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
