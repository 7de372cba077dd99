import { Link } from 'wouter-preact';
import type { Schemas } from '../../api/client';
import { useApiText, useMessages } from '../../i18n/language';

type ReviewItem = Schemas['ReviewPage']['items'][number];

export const claimHref = (claimNumber: string, stationId: string) => `/claims/${encodeURIComponent(claimNumber)}?stationId=${encodeURIComponent(stationId)}`;

/** One row per claim waiting: the number links to its page. */
export function ReviewTable({ items }: { items: ReviewItem[] }) {
  const t = useMessages();
  const text = useApiText();
  if (items.length === 0) return <p>{t.reviews.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t.reviews.claimNumber}</th>
          <th scope="col">{t.reviews.station}</th>
          <th scope="col">{t.reviews.productLine}</th>
          <th scope="col">{t.reviews.status}</th>
          <th scope="col">{t.reviews.waitingSince}</th>
          <th scope="col" class="num">{t.reviews.age}</th>
          <th scope="col" class="num">{t.reviews.claimed}</th>
          <th scope="col">{t.reviews.why}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.stationId}/${item.claimNumber}`}>
            <td><Link href={claimHref(item.claimNumber, item.stationId)}>{item.claimNumber}</Link></td>
            <td>{item.stationId}</td>
            <td>{item.productLine ?? '—'}</td>
            <td class={`status-${item.status}`}>{item.appeal ? t.common.statuses.appealed : (t.common.statuses[item.status] ?? item.status)}</td>
            <td>{item.waitingSince.slice(0, 10)}</td>
            <td class="num">{item.ageDays}</td>
            <td class="num">{t.common.yuan(item.claimedFen)}</td>
            <td>
              {item.why.map((w) => (
                <div key={`${w.jobId}/${w.lineId ?? ''}/${w.code}`}>
                  <strong>{w.code}</strong> {text(w.message)}
                </div>
              ))}
              {item.appeal && <div>{t.reviews.appeal(item.appeal.reason)}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
