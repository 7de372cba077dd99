import { useApiText, useMessages } from '../../i18n/language';
import type { DecidedLine } from './types';

/** Claimed and approved amounts per line, every adjustment with its reason, and holds with deadlines. */
export function JobLines({ lines }: { lines: DecidedLine[] }) {
  const t = useMessages();
  const text = useApiText();
  const c = t.claim;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{c.line}</th>
          <th scope="col">{c.kind}</th>
          <th scope="col">{c.partOrOperation}</th>
          <th scope="col" class="num">{c.claimed}</th>
          <th scope="col" class="num">{c.approved}</th>
          <th scope="col">{t.reviews.status}</th>
          <th scope="col">{c.adjustments}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.lineId}>
            <td>{line.lineId}</td>
            <td>{c.kinds[line.kind] ?? line.kind}</td>
            <td>{line.partNumber ?? line.operationCode ?? ''}</td>
            <td class="num">{t.common.yuan(line.claimedFen)}</td>
            <td class="num">{t.common.yuan(line.approvedFen)}</td>
            <td class={`status-${line.status}`}>
              {t.common.statuses[line.status] ?? line.status}
              {line.hold && <div class="hint">{c.hold}: {line.holdDeadline ? c.holdUntil(line.holdDeadline) : line.hold}</div>}
            </td>
            <td>
              {line.adjustments.map((a, i) => (
                <div key={i}>
                  <strong>{a.code}</strong> {t.common.yuan(a.amountFen)} — {text(a.message)}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
