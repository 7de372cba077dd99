import type { Schemas } from '../../api/client';
import { useApiText, useMessages } from '../../i18n/language';

/** How many claims of the filtered queue wait for each reason. */
export function ReasonCounts({ total, counts }: { total: number; counts: Schemas['ReviewPage']['countsByReason'] }) {
  const t = useMessages();
  const text = useApiText();
  return (
    <section aria-label={t.reviews.countsByReason}>
      <ul class="chips">
        <li><strong>{t.reviews.total(total)}</strong></li>
        {counts.map((c) => (
          <li key={c.code} title={text(c.message)}>
            {c.code} · {text(c.message)}: <strong>{c.claims}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
