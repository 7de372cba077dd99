import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';
import { TransitionMatrix } from './TransitionMatrix';
import { PayoutChart } from './PayoutChart';
import { ChangedClaims } from './ChangedClaims';

/** A finished backtest: summary, transition matrix, payout change by liable party and by station, changed claims. */
export function BacktestReportView({ report }: { report: Schemas['BacktestReport'] }) {
  const messages = useMessages();
  const t = messages.backtests;
  const byParty = report.payoutDelta.byParty.map((p) => ({ ...p, label: `${t.parties[p.type] ?? p.type}${p.id ? ` ${p.id}` : ''}` }));
  const byStation = report.payoutDelta.byStation.map((s) => ({ ...s, label: s.stationId }));
  return (
    <div class="backtest-report">
      <section aria-labelledby="summary-title" class="card">
        <h2 id="summary-title">{t.summaryTitle}</h2>
        <p data-testid="backtest-summary">{t.summary(report.claims, report.changed)}</p>
        <p>{t.totalDelta}: <strong class={report.payoutDelta.totalFen > 0 ? 'up' : report.payoutDelta.totalFen < 0 ? 'down' : ''}>{report.payoutDelta.totalFen > 0 ? '+' : ''}{messages.common.yuan(report.payoutDelta.totalFen)}</strong></p>
        {report.editedRules.length > 0 ? (
          <p>{t.editedRules}: {report.editedRules.map((r) => <span key={`${r.ruleSet}/${r.rule}`} class="edited-rule"><code>{r.rule}</code> ({t.change[r.change] ?? r.change}) </span>)}</p>
        ) : null}
        <TransitionMatrix transitions={report.transitions} />
      </section>
      <div class="charts">
        <PayoutChart title={t.byPartyTitle} groupLabel={t.party} rows={byParty} testId="payout-by-party" />
        <PayoutChart title={t.byStationTitle} groupLabel={t.station} rows={byStation} testId="payout-by-station" />
      </div>
      <ChangedClaims changes={report.changes} />
    </div>
  );
}
