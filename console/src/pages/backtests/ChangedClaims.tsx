import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

type Change = Schemas['BacktestReport']['changes'][number];

function Outcome({ outcome }: { outcome: Change['before'] }) {
  const messages = useMessages();
  return (
    <div>
      <span class={`status-${outcome.status}`}>{messages.common.statuses[outcome.status] ?? outcome.status}</span>{' '}
      <span class="num">{messages.common.yuan(outcome.approvedFen)}</span>
      <div class="reasons">{outcome.reasons.map((r) => <code key={r}>{r}</code>)}</div>
    </div>
  );
}

/** Each changed claim: its decision before and under the draft, the payout change, and the rules whose result changed. */
export function ChangedClaims({ changes }: { changes: Change[] }) {
  const messages = useMessages();
  const t = messages.backtests;
  return (
    <section aria-labelledby="changes-title">
      <h2 id="changes-title">{t.changesTitle}</h2>
      {changes.length === 0 ? <p>{t.noChanges}</p> : (
        <div class="scroll-region" tabIndex={0} role="region" aria-label={t.changesTitle}>
          <table class="changes">
            <thead>
              <tr>
                <th scope="col">{t.claimNumber}</th>
                <th scope="col">{t.station}</th>
                <th scope="col">{t.decisionBefore}</th>
                <th scope="col">{t.decisionAfter}</th>
                <th scope="col" class="num">{t.deltaFen}</th>
                <th scope="col">{t.rulesChanged}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.stationId}/${c.claimNumber}`} data-claim={`${c.stationId}/${c.claimNumber}`}>
                  <td><code>{c.claimNumber}</code></td>
                  <td>{c.stationId}</td>
                  <td><Outcome outcome={c.before} /></td>
                  <td><Outcome outcome={c.after} /></td>
                  <td class={`num ${c.deltaFen > 0 ? 'up' : c.deltaFen < 0 ? 'down' : ''}`}>{c.deltaFen > 0 ? '+' : ''}{messages.common.yuan(c.deltaFen)}</td>
                  <td>
                    <ul class="rule-changes">
                      {c.rules.map((r) => (
                        <li key={`${r.jobId}/${r.rule}`}><code>{r.rule}</code> <span class="muted">({t.job} {r.jobId})</span> {t.ruleChange(r.before, r.after)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
