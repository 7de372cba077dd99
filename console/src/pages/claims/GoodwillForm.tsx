import { useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import type { ClaimRead } from './types';

/** Goodwill on a denied line, granted with a required note; the split the API returns (manufacturer / supplier / customer) is shown. */
export function GoodwillForm({ claim }: { claim: ClaimRead }) {
  const t = useMessages();
  const g = t.goodwill;
  const y = t.common.yuan;
  const grants = useLoad(() => api.GET('/v1/claims/{claimNumber}/goodwill', { params: { path: { claimNumber: claim.claimNumber }, query: { stationId: claim.stationId } } }), [claim.claimNumber, claim.stationId]);
  const granted = new Set((grants.data?.items ?? []).map((x) => x.lineId));
  const denied = claim.jobs.flatMap((j) => j.lines).filter((l) => l.status === 'denied' && !granted.has(l.lineId));
  const [lineId, setLineId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = lineId || denied[0]?.lineId || '';
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { error: problem } = await api.POST('/v1/claims/{claimNumber}/goodwill', { params: { path: { claimNumber: claim.claimNumber } }, body: { stationId: claim.stationId, lineId: chosen, note: note.trim() } });
    if (problem) return setError(problemText(problem));
    setNote('');
    setLineId('');
    grants.reload();
  };
  const items = grants.data?.items ?? [];
  if (items.length === 0 && denied.length === 0) return null;
  return (
    <section class="card">
      <h2>{g.title}</h2>
      <p class="hint">{g.intro}</p>
      <ErrorNote text={grants.error} />
      {items.length > 0 && (
        <table data-testid="goodwill-grants">
          <caption>{g.granted}</caption>
          <thead>
            <tr>
              <th scope="col">{g.grantedOn}</th><th scope="col">{t.claim.line}</th><th scope="col">{g.past}</th><th scope="col" class="num">{g.base}</th>
              <th scope="col" class="num">{g.manufacturer}</th><th scope="col" class="num">{g.supplier}</th><th scope="col" class="num">{g.customer}</th><th scope="col">{t.claim.note}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.id} data-testid={`goodwill-${x.lineId}`}>
                <td>{x.grantedOn}</td><td>{x.lineId}</td><td>{g.pastOf(x.monthsPast, x.kmPast)}</td><td class="num">{y(x.baseFen)}</td>
                <td class="num">{y(x.manufacturerFen)}</td><td class="num">{y(x.supplierFen)}{x.supplierId ? ` (${x.supplierId})` : ''}</td><td class="num">{y(x.customerFen)}</td><td>{x.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {denied.length > 0 && (
        <form onSubmit={submit} aria-label={g.grant}>
          <div class="filters">
            <label>{g.line}
              <select value={chosen} onChange={(e) => setLineId((e.target as HTMLSelectElement).value)}>
                {denied.map((l) => <option key={l.lineId} value={l.lineId}>{l.lineId} · {y(l.claimedFen)}</option>)}
              </select>
            </label>
          </div>
          <label class="block">{g.note}<textarea rows={2} required minLength={3} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} /></label>
          <div class="pager"><button type="submit">{g.grant}</button></div>
        </form>
      )}
      <ErrorNote text={error} />
    </section>
  );
}
