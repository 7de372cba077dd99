import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

/** The supplier (and chassis maker) recovery notices of a period, with totals and the CSV. */
export function RecoveryNotices({ from, to }: { from: string; to: string }) {
  const t = useMessages();
  const s = t.settlement;
  const report = useLoad(async () => {
    const answer = await api.GET('/v1/recoveries', { params: { query: { from, to } } });
    return { ...answer, data: answer.data as Schemas['Recoveries'] | undefined }; // the JSON form (the same path answers CSV)
  }, [from, to]);
  return (
    <section class="card">
      <h2>{s.recoveries(from, to)}</h2>
      <ErrorNote text={report.error} />
      {report.data && (
        <>
          <p class="totals" data-testid="recovery-total">{s.recoveryTotal(t.common.yuan(report.data.totalFen))}</p>
          <p><a href={`/v1/recoveries?from=${from}&to=${to}&format=csv`} download={`recoveries-${from}-${to}.csv`}>{s.downloadCsv}</a></p>
          {report.data.notices.length === 0 ? (
            <p>{s.noLines}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.party}</th>
                  <th scope="col">{s.claimNumber}</th>
                  <th scope="col">{s.line}</th>
                  <th scope="col" class="num">{s.amount}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.notices.flatMap((n) => [
                  ...n.lines.map((l, i) => (
                    <tr key={`${n.party.type}${n.party.id}${i}`}>
                      <td>{t.claim.parties[n.party.type] ?? n.party.type} {n.party.id ?? ''}</td>
                      <td>{l.claimNumber}</td>
                      <td>{l.lineId}</td>
                      <td class="num">{t.common.yuan(l.amountFen)}</td>
                    </tr>
                  )),
                  <tr key={`${n.party.type}${n.party.id}-total`}>
                    <th scope="row" colSpan={3}>{s.noticeTotal} · {n.party.id ?? n.party.type}</th>
                    <td class="num">{t.common.yuan(n.totalFen)}</td>
                  </tr>,
                  ...(n.goodwillFen > 0 ? [
                    <tr key={`${n.party.type}${n.party.id}-goodwill`}>
                      <th scope="row" colSpan={3}>{s.goodwill} · {s.supplierShare} · {n.goodwill.map((g) => g.claimNumber).join(', ')}</th>
                      <td class="num">{t.common.yuan(n.goodwillFen)}</td>
                    </tr>,
                  ] : []),
                ])}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
