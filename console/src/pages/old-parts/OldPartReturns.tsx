import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

const pct = (n: number | null) => (n === null ? '—' : `${n}%`);

/** A station's old-part return rate and pass rate over a period, beside its claim accuracy, with the parts not returned and the CSV. */
export function OldPartReturns({ stationId, from, to, tick }: { stationId: string; from: string; to: string; tick: number }) {
  const t = useMessages();
  const o = t.oldParts;
  const report = useLoad(async () => {
    const answer = await api.GET('/v1/stations/{stationId}/old-part-returns', { params: { path: { stationId }, query: { from, to } } });
    return { ...answer, data: answer.data as Schemas['OldPartReturns'] | undefined }; // the JSON form (the same path answers CSV)
  }, [stationId, from, to], tick);
  const r = report.data;
  return (
    <section class="card">
      <h2>{o.returns(stationId, from, to)}</h2>
      <ErrorNote text={report.error} />
      {r && (
        <>
          <table data-testid="old-part-returns">
            <thead>
              <tr>
                {[o.dueParts, o.returnedParts, o.passedParts, o.refusedParts, o.unrecoverableParts, o.returnRate, o.passRate, o.accuracy].map((h) => <th key={h} scope="col" class="num">{h}</th>)}
              </tr>
            </thead>
            <tbody>
              <tr>
                <td class="num">{r.dueParts}</td><td class="num">{r.returnedParts}</td><td class="num">{r.passedParts}</td><td class="num">{r.refusedParts}</td>
                <td class="num">{r.unrecoverableParts}</td><td class="num" data-testid="return-rate">{pct(r.returnRatePct)}</td>
                <td class="num" data-testid="pass-rate">{pct(r.passRatePct)}</td><td class="num">{pct(r.accuracyPct)}</td>
              </tr>
            </tbody>
          </table>
          {r.notReturned.length > 0 && <p>{o.notReturned}: {r.notReturned.map((n) => `${n.claimNumber} ${n.lineId}`).join('; ')}</p>}
          <p><a href={`/v1/stations/${encodeURIComponent(stationId)}/old-part-returns?from=${from}&to=${to}&format=csv`} download={`old-part-returns-${stationId}-${from}-${to}.csv`}>{o.downloadCsv}</a></p>
        </>
      )}
    </section>
  );
}
