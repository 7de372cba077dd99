import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

/** A campaign's completion per unit and its cost, with the CSV. */
export function CampaignReportView({ code, version }: { code: string; version: number }) {
  const messages = useMessages();
  const t = messages.campaigns;
  const report = useLoad(async () => {
    const answer = await api.GET('/v1/campaigns/{code}/report', { params: { path: { code } } });
    return { ...answer, data: answer.data as Schemas['CampaignReport'] | undefined }; // the JSON form (the same path answers CSV)
  }, [code, version]);
  const r = report.data;
  const csv = `/v1/campaigns/${encodeURIComponent(code)}/report?format=csv`;
  return (
    <section class="card" data-testid="campaign-report">
      <h2>{t.reportTitle}</h2>
      <ErrorNote text={report.error} />
      {r ? (
        <>
          <dl class="figures">
            <div><dt>{t.unitsAffected}</dt><dd data-testid="units-affected">{r.unitsAffected}</dd></div>
            <div><dt>{t.unitsCompleted}</dt><dd data-testid="units-completed">{r.unitsCompleted}</dd></div>
            <div><dt>{t.completion}</dt><dd data-testid="completion">{r.completionPct === null ? '—' : `${r.completionPct} %`}</dd></div>
            <div><dt>{t.cost}</dt><dd data-testid="campaign-cost">{messages.common.yuan(r.costFen)}</dd></div>
          </dl>
          <p class="hint">{t.claimsCounted(r.claims.covered, r.claims.denied, r.claims.pended)}</p>
          <p><a href={csv} download={`campaign-${code}.csv`}>{t.downloadCsv}</a></p>
          <table>
            <thead><tr><th scope="col">{t.unit}</th><th scope="col">VIN</th><th scope="col">{t.completed}</th><th scope="col">{t.claimNumbers}</th><th scope="col" class="num">{t.cost}</th></tr></thead>
            <tbody>
              {r.units.map((u) => (
                <tr key={u.unitId}>
                  <td>{u.unitId}</td>
                  <td><code>{u.vin ?? u.serialNumber ?? '—'}</code></td>
                  <td>{u.completed ? t.yes : t.no}</td>
                  <td>{u.claimNumbers.join(', ')}</td>
                  <td class="num">{messages.common.yuan(u.costFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
