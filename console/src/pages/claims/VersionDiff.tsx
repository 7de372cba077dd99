import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { versionChanges } from './versionChanges';

/** The changes between two versions of a claim's decision, each read from the API. */
export function VersionDiff({ claimNumber, stationId, from, to }: { claimNumber: string; stationId: string; from: number; to: number }) {
  const t = useMessages();
  const read = (version: number) => api.GET('/v1/claims/{claimNumber}', { params: { path: { claimNumber }, query: { stationId, version } } });
  const both = useLoad(async () => {
    const [a, b] = await Promise.all([read(from), read(to)]);
    if (a.error || b.error) return { error: a.error ?? b.error };
    return { data: versionChanges(a.data!, b.data!) };
  }, [claimNumber, stationId, from, to]);
  if (both.error) return <ErrorNote text={both.error} />;
  if (!both.data) return <p>{t.common.loading}</p>;
  if (both.data.length === 0) return <p>{t.claim.noChanges}</p>;
  return (
    <table aria-label={t.claim.changes}>
      <thead>
        <tr>
          <th scope="col">{t.claim.changes}</th>
          <th scope="col">{t.claim.version} {from}</th>
          <th scope="col">{t.claim.version} {to}</th>
        </tr>
      </thead>
      <tbody>
        {both.data.map((c) => (
          <tr key={c.what}><td><code>{c.what}</code></td><td>{c.before}</td><td>{c.after}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
