import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

/** Goodwill granted in the period, apart from warranty: per station (paid to it, the customers' share) and per supplier, with the CSV. */
export function GoodwillReport({ from, to, tick }: { from: string; to: string; tick: number }) {
  const t = useMessages();
  const g = t.goodwill;
  const y = t.common.yuan;
  const report = useLoad(async () => {
    const answer = await api.GET('/v1/goodwill', { params: { query: { from, to } } });
    return { ...answer, data: answer.data as Schemas['GoodwillReport'] | undefined }; // the JSON form (the same path answers CSV)
  }, [from, to], tick);
  const r = report.data;
  return (
    <section class="card">
      <h2>{g.report(from, to)}</h2>
      <ErrorNote text={report.error} />
      {r && (r.grants.length === 0 ? <p>{g.none}</p> : (
        <>
          <p class="totals" data-testid="goodwill-totals">
            {g.totals}: {g.base} {y(r.totals.baseFen)} · {g.manufacturer} {y(r.totals.manufacturerFen)} · {g.supplier} {y(r.totals.supplierFen)} · {g.customer} {y(r.totals.customerFen)}
          </p>
          <table>
            <thead><tr><th scope="col">{g.station}</th><th scope="col" class="num">{g.paidToStation}</th><th scope="col" class="num">{g.customer}</th></tr></thead>
            <tbody>{r.stations.map((s) => <tr key={s.stationId}><td>{s.stationId}</td><td class="num">{y(s.goodwillPaidFen)}</td><td class="num">{y(s.customerFen)}</td></tr>)}</tbody>
          </table>
          {r.suppliers.length > 0 && (
            <table>
              <thead><tr><th scope="col">{g.supplierId}</th><th scope="col" class="num">{g.supplier}</th></tr></thead>
              <tbody>{r.suppliers.map((s) => <tr key={s.supplierId}><td>{s.supplierId}</td><td class="num">{y(s.supplierFen)}</td></tr>)}</tbody>
            </table>
          )}
          <p><a href={`/v1/goodwill?from=${from}&to=${to}&format=csv`} download={`goodwill-${from}-${to}.csv`}>{g.downloadCsv}</a></p>
        </>
      ))}
    </section>
  );
}
