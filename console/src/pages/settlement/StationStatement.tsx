import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useApiText, useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { StatementExtras } from './StatementExtras';

/** A station's monthly statement: each booked line, goodwill and charge-backs apart, the totals and net, and its CSV. */
export function StationStatement({ stationId, month, tick = 0 }: { stationId: string; month: string; tick?: number }) {
  const t = useMessages();
  const text = useApiText();
  const s = t.settlement;
  const statement = useLoad(async () => {
    const answer = await api.GET('/v1/statements/stations/{stationId}', { params: { path: { stationId }, query: { month } } });
    return { ...answer, data: answer.data as Schemas['StationStatement'] | undefined }; // the JSON form (the same path answers CSV)
  }, [stationId, month], tick);
  const csv = `/v1/statements/stations/${encodeURIComponent(stationId)}?month=${month}&format=csv`;
  return (
    <section class="card">
      <h2>{s.statement(stationId, month)}</h2>
      <ErrorNote text={statement.error} />
      {statement.data && (
        <>
          <p class="totals" data-testid="statement-total">{s.totalPaid(t.common.yuan(statement.data.totals.paidFen), statement.data.totals.lines)}</p>
          <p class="totals" data-testid="statement-net">{s.net(t.common.yuan(statement.data.totals.paidFen), t.common.yuan(statement.data.totals.goodwillFen), t.common.yuan(statement.data.totals.chargedBackFen), t.common.yuan(statement.data.totals.returnDebitedFen), t.common.yuan(statement.data.totals.netFen))}</p>
          <p><a href={csv} download={`statement-${stationId}-${month}.csv`}>{s.downloadCsv}</a></p>
          {statement.data.lines.length === 0 ? (
            <p>{s.noLines}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.bookedOn}</th>
                  <th scope="col">{s.claimNumber}</th>
                  <th scope="col">{s.line}</th>
                  <th scope="col" class="num">{s.claimed}</th>
                  <th scope="col" class="num">{s.deducted}</th>
                  <th scope="col" class="num">{s.paid}</th>
                  <th scope="col">{s.deductions}</th>
                </tr>
              </thead>
              <tbody>
                {statement.data.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.bookedOn}</td>
                    <td>{l.claimNumber}</td>
                    <td>{l.lineId}</td>
                    <td class="num">{t.common.yuan(l.claimedFen)}</td>
                    <td class="num">{t.common.yuan(l.deductedFen)}</td>
                    <td class="num">{t.common.yuan(l.paidFen)}</td>
                    <td>{l.deductions.map((d) => `${d.code} ${text(d.message)}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{s.totals}</th>
                  <td class="num">{t.common.yuan(statement.data.totals.claimedFen)}</td>
                  <td class="num">{t.common.yuan(statement.data.totals.deductedFen)}</td>
                  <td class="num">{t.common.yuan(statement.data.totals.paidFen)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          )}
          <StatementExtras statement={statement.data} />
        </>
      )}
    </section>
  );
}
