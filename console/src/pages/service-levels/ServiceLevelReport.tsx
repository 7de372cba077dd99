import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

/** The share within each limit (exemptions counted apart), the late cases by claim number, and the CSV. */
export function ServiceLevelReport({ stationId, from, to }: { stationId: string; from: string; to: string }) {
  const t = useMessages();
  const l = t.serviceLevels;
  const report = useLoad(async () => {
    const answer = await api.GET('/v1/stations/{stationId}/service-levels', { params: { path: { stationId }, query: { from, to } } });
    return { ...answer, data: answer.data as Schemas['ServiceLevelReport'] | undefined }; // the JSON form (the same path answers CSV)
  }, [stationId, from, to]);
  const r = report.data;
  return (
    <section class="card">
      <h2>{l.report(stationId, from, to)}</h2>
      <ErrorNote text={report.error} />
      {r && (
        <>
          <p>{l.claims(r.claims, r.claimsWithTimes)}</p>
          <table data-testid="service-level-limits">
            <thead>
              <tr>
                <th scope="col">{l.limit}</th><th scope="col" class="num">{l.measured}</th><th scope="col" class="num">{l.within}</th>
                <th scope="col" class="num">{l.late}</th><th scope="col" class="num">{l.exempt}</th><th scope="col" class="num">{l.withinPct}</th>
              </tr>
            </thead>
            <tbody>
              {r.limits.map((x) => (
                <tr key={x.limit} data-testid={`limit-${x.limit}`}>
                  <th scope="row">{l.limits[x.limit] ?? x.limit}</th><td class="num">{x.measured}</td><td class="num">{x.within}</td>
                  <td class="num">{x.late}</td><td class="num">{x.exempt}</td><td class="num">{x.withinPct === null ? '—' : `${x.withinPct}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{l.lateCases}</h3>
          {r.late.length === 0 ? <p>{l.noLate}</p> : (
            <table data-testid="service-level-late">
              <thead>
                <tr>
                  <th scope="col">{l.claimNumber}</th><th scope="col">{l.limit}</th><th scope="col" class="num">{l.minutes}</th>
                  <th scope="col" class="num">{l.limitMinutes}</th><th scope="col" class="num">{l.overMinutes}</th>
                </tr>
              </thead>
              <tbody>
                {r.late.map((x) => (
                  <tr key={`${x.claimNumber}${x.limit}`}>
                    <td><a href={`/console/claims/${encodeURIComponent(x.claimNumber)}`}>{x.claimNumber}</a></td><td>{l.limits[x.limit] ?? x.limit}</td>
                    <td class="num">{x.minutes}</td><td class="num">{x.limitMinutes}</td><td class="num">{x.overMinutes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p><a href={`/v1/stations/${encodeURIComponent(stationId)}/service-levels?from=${from}&to=${to}&format=csv`} download={`service-levels-${stationId}-${from}-${to}.csv`}>{l.downloadCsv}</a></p>
        </>
      )}
    </section>
  );
}
