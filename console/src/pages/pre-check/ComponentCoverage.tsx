import { useApiText, useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

type Component = Schemas['Eligibility']['components'][number];

function KmLeft({ c }: { c: Pick<Component, 'kmLeft' | 'kmLimit'> }) {
  const t = useMessages().preCheck;
  if (c.kmLimit === null) return <>{t.noKmLimit}</>;
  return <>{c.kmLeft === null ? t.kmLimitOnly(c.kmLimit) : t.kmLeftValue(c.kmLeft, c.kmLimit)}</>;
}

/** One component's coverage as a card: covered or not, the term, its start and last covered day, km left, and why not. */
export function ComponentCoverage({ c }: { c: Component }) {
  const t = useMessages().preCheck;
  const text = useApiText();
  const name = c.component ? (t.components[c.component] ?? c.component) : (c.partNumber ?? '');
  return (
    <li class={`coverage-card ${c.covered ? 'is-covered' : 'is-not-covered'}`} data-component={c.component ?? c.partNumber}>
      <div class="coverage-head">
        <h3>{name}</h3>
        <span class={c.covered ? 'badge badge-ok' : 'badge badge-fail'}>{c.covered ? `✓ ${t.covered}` : `✗ ${t.notCovered}`}</span>
      </div>
      <dl>
        <dt>{t.term}</dt>
        <dd>{c.term ? (t.terms[c.term] ?? c.term) : t.noTerm}</dd>
        {c.start ? <><dt>{t.start}</dt><dd>{c.start}</dd></> : null}
        <dt>{t.lastCoveredDay}</dt>
        <dd data-testid="last-covered-day">{c.lastCoveredDay ?? '—'}</dd>
        <dt>{t.kmLeft}</dt>
        <dd><KmLeft c={c} /></dd>
      </dl>
      {c.reasons.length > 0 ? <ul class="reasons">{c.reasons.map((r) => <li key={r.code}><code>{r.code}</code> {text(r.message)}</li>)}</ul> : null}
      {c.byFailureMode && c.byFailureMode.length > 1 ? (
        <details>
          <summary>{t.byFailureMode}</summary>
          <ul class="by-mode">
            {c.byFailureMode.map((m) => (
              <li key={m.failureMode}>
                <code>{m.failureMode}</code>: {m.term ? (t.terms[m.term] ?? m.term) : t.noTerm} · {m.covered ? t.covered : t.notCovered} · {t.lastCoveredDay} {m.lastCoveredDay ?? '—'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
