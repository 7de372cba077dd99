import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';
import { VersionDiff } from './VersionDiff';
import type { ClaimRead } from './types';

/** Every decision version with who, when and why, and the changes between two of them. */
export function DecisionVersions({ claim }: { claim: ClaimRead }) {
  const t = useMessages();
  const c = t.claim;
  const numbers = claim.versions.map((v) => v.version);
  const last = numbers[numbers.length - 1] ?? 1;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  return (
    <section class="card">
      <h2>{c.versions}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{c.version}</th>
            <th scope="col">{t.reviews.status}</th>
            <th scope="col">{c.decidedBy}</th>
            <th scope="col">{c.decidedAt}</th>
            <th scope="col">{c.note}</th>
          </tr>
        </thead>
        <tbody>
          {claim.versions.map((v) => (
            <tr key={v.version} data-testid={`version-${v.version}`}>
              <td>{v.version}</td>
              <td class={`status-${v.status}`}>{t.common.statuses[v.status] ?? v.status}</td>
              <td>{v.decidedBy}</td>
              <td>{v.decidedAt.replace('T', ' ').slice(0, 16)}</td>
              <td>{v.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {numbers.length > 1 && (
        <>
          <h3>{c.compare}</h3>
          <div class="filters">
            <label>
              {c.compareFrom}
              <select value={from} onChange={(e) => setFrom(Number((e.target as HTMLSelectElement).value))}>
                {numbers.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <label>
              {c.compareTo}
              <select value={to} onChange={(e) => setTo(Number((e.target as HTMLSelectElement).value))}>
                {numbers.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
          </div>
          <VersionDiff claimNumber={claim.claimNumber} stationId={claim.stationId} from={from} to={to} />
        </>
      )}
    </section>
  );
}
