import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { claimHref } from '../reviews/ReviewTable';
import { SearchForm, type ClaimSearch } from './SearchForm';

/** Claims by number prefix, VIN or frame serial, station, status and repair dates. */
export function SearchPage() {
  const t = useMessages();
  const [query, setQuery] = useState<ClaimSearch | null>(null);
  const found = useLoad(async () => (query === null ? { data: undefined } : api.GET('/v1/claims', { params: { query: { ...query, limit: 50 } } })), [JSON.stringify(query)]);
  return (
    <section>
      <h1>{t.search.title}</h1>
      <SearchForm onSearch={setQuery} />
      <ErrorNote text={found.error} />
      {found.data && (
        <section aria-label={t.search.results}>
          <h2>{t.search.results}</h2>
          {found.data.items.length === 0 ? (
            <p>{t.search.none}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.reviews.claimNumber}</th>
                  <th scope="col">{t.search.station}</th>
                  <th scope="col">{t.search.unit}</th>
                  <th scope="col">{t.search.status}</th>
                  <th scope="col">{t.search.version}</th>
                  <th scope="col" class="num">{t.search.approved}</th>
                  <th scope="col">{t.search.received}</th>
                </tr>
              </thead>
              <tbody>
                {found.data.items.map((c) => (
                  <tr key={`${c.stationId}/${c.claimNumber}`}>
                    <td><Link href={claimHref(c.claimNumber, c.stationId)}>{c.claimNumber}</Link></td>
                    <td>{c.stationId}</td>
                    <td>{c.unitId ?? '—'}</td>
                    <td class={`status-${c.status}`}>{t.common.statuses[c.status] ?? c.status}</td>
                    <td>{c.decisionVersion}</td>
                    <td class="num">{t.common.yuan(c.approvedFen)}</td>
                    <td>{c.receivedDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
