import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

/** Per rule: in how many cases and stored decisions it fired; a rule that never fired stands out. */
export function RuleCoverageTable({ coverage }: { coverage: Schemas['RuleCoverage'] }) {
  const t = useMessages().rules;
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t.coverageTitle}</h2>
      <p>{t.coverageSummary(coverage.cases, coverage.decisions)}</p>
      <div class="scroll-region" tabIndex={0} role="region" aria-label={t.coverageTitle}>
      <table class="coverage">
        <thead>
          <tr>
            <th scope="col">{t.rule}</th>
            <th scope="col">{t.event}</th>
            <th scope="col" class="num">{t.firedInCases}</th>
            <th scope="col" class="num">{t.firedInDecisions}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.rules.map((r) => (
            <tr key={r.rule} class={r.firedInCases === 0 && r.firedInDecisions === 0 ? 'never-fired' : undefined}>
              <td><code>{r.rule}</code></td>
              <td>{r.event}</td>
              <td class="num">{r.firedInCases}</td>
              <td class="num">{r.firedInDecisions}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
