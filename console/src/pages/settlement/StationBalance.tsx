import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

/** What a station was sent month by month, what it was paid to its account or as parts credit, and what is left. */
export function StationBalance({ stationId, tick }: { stationId: string; tick: number }) {
  const t = useMessages();
  const p = t.payment;
  const y = t.common.yuan;
  const balance = useLoad(() => api.GET('/v1/stations/{stationId}/balance', { params: { path: { stationId } } }), [stationId], tick);
  const b = balance.data;
  return (
    <section class="card">
      <h2>{p.balance(stationId)}</h2>
      <ErrorNote text={balance.error} />
      {b && (
        <>
          <ul class="chips" data-testid="station-balance">
            <li>{p.totalNet} {y(b.netFen)}</li>
            <li>{p.paidToAccount} {y(b.paidToAccountFen)}</li>
            <li>{p.partsCredit} {y(b.partsCreditFen)}</li>
            <li>{p.partsCreditUsed} {y(b.partsCreditUsedFen)}</li>
            <li>{p.partsCreditBalance} {y(b.partsCreditBalanceFen)}</li>
            <li>{p.totalOutstanding} {y(b.outstandingFen)}</li>
          </ul>
          {b.statements.length > 0 && (
            <table>
              <thead><tr><th scope="col">{p.month}</th><th scope="col">{p.status}</th><th scope="col" class="num">{p.net}</th><th scope="col" class="num">{p.paid}</th><th scope="col" class="num">{p.outstanding}</th></tr></thead>
              <tbody>
                {b.statements.map((s) => (
                  <tr key={s.month}><td>{s.month}</td><td>{p.statuses[s.status] ?? s.status}</td><td class="num">{y(s.netFen)}</td><td class="num">{y(s.paidFen)}</td><td class="num">{y(s.outstandingFen)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
