import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useApiText, useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { ReviewFilters, type ReviewQuery } from './ReviewFilters';
import { ReviewTable } from './ReviewTable';
import { ReasonCounts } from './ReasonCounts';

const PAGE_SIZE = 25;

/** The auditor's worklist: filters, counts per reason and server-side cursor pages. */
export function ReviewsPage() {
  const t = useMessages();
  const text = useApiText();
  const [query, setQuery] = useState<ReviewQuery>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => api.GET('/v1/reviews', { params: { query: { ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }), [JSON.stringify(query), cursor]);
  const lines = useLoad(() => api.GET('/v1/product-lines'), []);
  const [reasons, setReasons] = useState<{ code: string; label: string }[]>([]);
  if (page.data && reasons.length === 0 && page.data.countsByReason.length > 0) setReasons(page.data.countsByReason.map((c) => ({ code: c.code, label: `${c.code} · ${text(c.message)}` })));
  return (
    <section>
      <h1>{t.reviews.title}</h1>
      <p class="hint">{t.reviews.intro}</p>
      <ReviewFilters
        productLines={(lines.data?.items ?? []).map((l) => ({ id: l.productLine, name: l.productLine }))}
        reasonCodes={reasons}
        onApply={(next) => {
          setCursors([]);
          setQuery(next);
        }}
      />
      <ErrorNote text={page.error} />
      {page.data && (
        <>
          <ReasonCounts total={page.data.total} counts={page.data.countsByReason} />
          <ReviewTable items={page.data.items} />
          <div class="pager" role="group" aria-label={t.reviews.pages}>
            <button type="button" class="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t.common.previous}</button>
            <button type="button" class="secondary" disabled={!page.data.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>{t.common.next}</button>
          </div>
        </>
      )}
    </section>
  );
}
