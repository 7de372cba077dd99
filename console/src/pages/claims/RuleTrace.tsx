import { useMessages } from '../../i18n/language';
import type { TraceEntry } from './types';

const shown = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Every rule evaluated, each opening to its conditions: fact, fact value, operator, expected value and result. */
export function RuleTrace({ trace }: { trace: TraceEntry[] }) {
  const t = useMessages();
  const c = t.claim;
  return (
    <section class="card">
      <h2>{c.trace}</h2>
      <p class="hint">{c.traceHelp}</p>
      {trace.map((entry, i) => (
        <details key={i} class="rule">
          <summary>
            {entry.jobId} · <code>{entry.rule}</code> · {c.priority} {entry.priority} · {entry.result ? c.passed : c.failed} · {entry.event}
          </summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{c.fact}</th>
                <th scope="col">{c.factValue}</th>
                <th scope="col">{c.operator}</th>
                <th scope="col">{c.expected}</th>
                <th scope="col">{c.result}</th>
              </tr>
            </thead>
            <tbody>
              {entry.conditions.map((cond, j) => (
                <tr key={j}>
                  <td><code>{cond.fact}{cond.path ? ` ${cond.path}` : ''}</code></td>
                  <td><code>{shown(cond.factValue)}</code></td>
                  <td><code>{cond.operator}</code></td>
                  <td><code>{shown(cond.value)}</code></td>
                  <td>{cond.result === undefined ? '—' : cond.result ? c.passed : c.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
