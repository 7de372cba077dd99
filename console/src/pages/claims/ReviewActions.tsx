import { useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useApiText, useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import type { ClaimRead } from './types';

type Action = 'approve' | 'deny' | 'pend';

/** Approve, deny or keep pended the pended lines (or one of them), always with a note; a new version follows. */
export function ReviewActions({ claim, onDecided }: { claim: ClaimRead; onDecided: () => void }) {
  const t = useMessages();
  const text = useApiText();
  const c = t.claim;
  const lines = claim.jobs.flatMap((j) => j.lines);
  const pended = lines.filter((l) => l.status === 'pended');
  const reasons = useLoad(() => api.GET('/v1/reason-codes'), []);
  const [lineId, setLineId] = useState('');
  const [note, setNote] = useState('');
  const [denyCode, setDenyCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = lineId === '' ? (pended.length > 0 ? pended : lines) : lines.filter((l) => l.lineId === lineId);
  const act = async (action: Action) => {
    setError(null);
    if (note.trim().length < 3) return setError(c.reviewNote);
    if (action === 'deny' && !denyCode) return setError(t.reviews.reasonCode);
    setBusy(true);
    const { error: problem } = await api.POST('/v1/claims/{claimNumber}/reviews', {
      params: { path: { claimNumber: claim.claimNumber } },
      body: {
        stationId: claim.stationId,
        note: note.trim(),
        lines: chosen.map((l) => ({ lineId: l.lineId, action, ...(action === 'approve' ? { amountFen: l.proposedFen ?? l.claimedFen } : {}), ...(action === 'deny' ? { code: denyCode } : {}) })),
      },
    });
    setBusy(false);
    if (problem) return setError(problemText(problem));
    setNote('');
    onDecided();
  };
  return (
    <section class="card">
      <h2>{c.actions}</h2>
      <div class="filters">
        <label>
          {c.lineToReview}
          <select value={lineId} onChange={(e) => setLineId((e.target as HTMLSelectElement).value)}>
            <option value="">{pended.length > 0 ? c.allPendedLines : c.lines}</option>
            {lines.map((l) => <option key={l.lineId} value={l.lineId}>{l.lineId} · {t.common.statuses[l.status] ?? l.status} · {t.common.yuan(l.claimedFen)}</option>)}
          </select>
        </label>
        <label>
          {t.reviews.reasonCode} ({c.deny})
          <select value={denyCode} onChange={(e) => setDenyCode((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {(reasons.data?.items ?? []).map((r) => <option key={r.code} value={r.code}>{r.code} · {text(r.message)}</option>)}
          </select>
        </label>
      </div>
      <label class="block">
        {c.reviewNote}
        <textarea rows={2} required value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <div class="pager">
        <button type="button" disabled={busy} onClick={() => act('approve')}>{c.approve}</button>
        <button type="button" disabled={busy} class="danger" onClick={() => act('deny')}>{c.deny}</button>
        <button type="button" disabled={busy} class="secondary" onClick={() => act('pend')}>{c.keepPended}</button>
      </div>
      <ErrorNote text={error} />
    </section>
  );
}
