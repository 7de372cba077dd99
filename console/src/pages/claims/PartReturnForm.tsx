import { useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import type { ClaimRead } from './types';

const INSPECTIONS = ['confirmed', 'no-defect-found', 'customer-caused'] as const;

/** Records a held line's old part as received, with the inspection result and a note. */
export function PartReturnForm({ claim, onRecorded }: { claim: ClaimRead; onRecorded: () => void }) {
  const t = useMessages();
  const c = t.claim;
  const held = claim.jobs.flatMap((j) => j.lines).filter((l) => l.hold === 'part-return');
  const [lineId, setLineId] = useState(held[0]?.lineId ?? '');
  const [receivedDate, setReceivedDate] = useState(claim.today);
  const [inspection, setInspection] = useState<(typeof INSPECTIONS)[number]>('confirmed');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (held.length === 0) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { error: problem } = await api.POST('/v1/claims/{claimNumber}/part-returns', {
      params: { path: { claimNumber: claim.claimNumber } },
      body: { stationId: claim.stationId, lineId, receivedDate, inspection, note: note.trim() },
    });
    if (problem) return setError(problemText(problem));
    setNote('');
    onRecorded();
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{c.partReturn}</h2>
      <div class="filters">
        <label>
          {c.partLine}
          <select value={lineId} onChange={(e) => setLineId((e.target as HTMLSelectElement).value)}>
            {held.map((l) => <option key={l.lineId} value={l.lineId}>{l.lineId}{l.holdDeadline ? ` · ${c.holdUntil(l.holdDeadline)}` : ''}</option>)}
          </select>
        </label>
        <label>
          {c.receivedOn}
          <input type="date" value={receivedDate} onInput={(e) => setReceivedDate((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          {c.inspection}
          <select value={inspection} onChange={(e) => setInspection((e.target as HTMLSelectElement).value as (typeof INSPECTIONS)[number])}>
            {INSPECTIONS.map((i) => <option key={i} value={i}>{c.inspections[i]}</option>)}
          </select>
        </label>
        <label>
          {c.note}
          <input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} required minLength={3} />
        </label>
        <button type="submit">{c.recordPartReturn}</button>
      </div>
      <ErrorNote text={error} />
    </form>
  );
}
