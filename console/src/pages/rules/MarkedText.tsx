import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

type Problem = Schemas['RuleFileProblem'];

/** The draft's text with line numbers; each problem marked under its line at its column, with its message. */
export function MarkedText({ text, problems }: { text: string; problems: Problem[] }) {
  const t = useMessages().rules;
  const lines = text.split('\n');
  const byLine = new Map<number, Problem[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  return (
    <div class="marked-text" tabIndex={0} role="region" aria-label={t.textWithMarks}>
      <table>
        <tbody>
          {lines.map((line, i) => {
            const n = i + 1;
            const marks = byLine.get(n) ?? [];
            return [
              <tr key={n} data-line={n} class={marks.length > 0 ? `line has-${marks.some((m) => m.severity === 'error') ? 'error' : 'warning'}` : 'line'}>
                <th scope="row" class="line-number">{n}</th>
                <td><code>{line || ' '}</code></td>
              </tr>,
              ...marks.map((m, j) => (
                <tr key={`${n}-${j}`} class={`mark mark-${m.severity}`} data-mark-line={n} data-mark-column={m.column}>
                  <th scope="row" class="line-number"><span class="visually-hidden">{t.at(m.file, m.line, m.column)}</span></th>
                  <td>
                    <code class="caret" style={{ paddingLeft: `${Math.max(0, m.column - 1)}ch` }}>^</code>
                    <span class="mark-text"> {t.severity[m.severity] ?? m.severity} {m.line}:{m.column} {m.message}</span>
                  </td>
                </tr>
              )),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
