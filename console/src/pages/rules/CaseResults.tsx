import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

/** The rule set's cases, each passed or failed with why, and the rules it fired. */
export function CaseResults({ cases }: { cases: Schemas['RuleSetCases'] }) {
  const t = useMessages().rules;
  return (
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">{t.casesTitle}</h2>
      <p data-testid="cases-summary">{t.casesSummary(cases.passed, cases.failed)}</p>
      <div class="scroll-region" tabIndex={0} role="region" aria-label={t.casesTitle}>
      <table class="cases">
        <thead>
          <tr>
            <th scope="col">{t.caseName}</th>
            <th scope="col">{t.caseResult}</th>
            <th scope="col">{t.firedRules}</th>
            <th scope="col">{t.caseFile}</th>
          </tr>
        </thead>
        <tbody>
          {cases.cases.map((c) => (
            <tr key={`${c.file}/${c.name}`} data-case={c.name}>
              <td>{c.name}</td>
              <td>
                <span class={c.passed ? 'badge badge-ok' : 'badge badge-fail'}>{c.passed ? `✓ ${t.passed}` : `✗ ${t.failed}`}</span>
                {c.failures.length > 0 ? <ul class="failures">{c.failures.map((f) => <li key={f}>{f}</li>)}</ul> : null}
              </td>
              <td class="fired">{c.firedRules.map((r) => <code key={r}>{r}</code>)}</td>
              <td><code>{c.file}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
