import { useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

const today = () => new Date().toISOString().slice(0, 10);

/** Receipt at the central store: a part without the cause tag or repair record the policy asks for is recorded as refused. */
export function ReceiveOldPartForm({ stationId, onReceived }: { stationId: string; onReceived: () => void }) {
  const t = useMessages();
  const o = t.oldParts;
  const [f, setF] = useState({ stationId, claimNumber: '', lineId: '', receivedDate: today(), location: '', faultState: '', causeTag: true, repairRecord: true, note: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof f) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setF({ ...f, [key]: el.type === 'checkbox' ? el.checked : el.value });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { error: problem } = await api.POST('/v1/old-parts', { body: { ...f, stationId: f.stationId.trim(), claimNumber: f.claimNumber.trim(), lineId: f.lineId.trim(), note: f.note.trim() } });
    if (problem) return setError(problemText(problem));
    setF({ ...f, claimNumber: '', lineId: '', note: '' });
    onReceived();
  };
  const input = (key: 'stationId' | 'claimNumber' | 'lineId' | 'location' | 'faultState', label: string) => (
    <label>{label}<input value={f[key]} onInput={set(key)} required /></label>
  );
  return (
    <form class="card" onSubmit={submit} aria-label={o.receive}>
      <h2>{o.receive}</h2>
      <div class="filters">
        {input('stationId', o.station)}
        {input('claimNumber', o.claimNumber)}
        {input('lineId', o.line)}
        <label>{o.receivedDate}<input type="date" value={f.receivedDate} onInput={set('receivedDate')} required /></label>
        {input('location', o.location)}
        {input('faultState', o.faultState)}
        <label class="check"><span>{o.causeTag}</span><input type="checkbox" checked={f.causeTag} onChange={set('causeTag')} /></label>
        <label class="check"><span>{o.repairRecord}</span><input type="checkbox" checked={f.repairRecord} onChange={set('repairRecord')} /></label>
      </div>
      <label class="block">{o.note}<textarea rows={2} required minLength={3} value={f.note} onInput={set('note')} /></label>
      <div class="pager"><button type="submit">{o.record}</button></div>
      <ErrorNote text={error} />
    </form>
  );
}
