import { useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

const KINDS = ['exchange', 'refund', 'repair'] as const;
export const codesOf = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
export const fenOf = (yuan: string) => Math.round(Number(yuan) * 100);

/** Files an exchange, refund or repair request; the API answers requested, or refused with its reason codes. */
export function ReturnFileForm({ stationId, onFiled }: { stationId: string; onFiled: (id: number) => void }) {
  const r = useMessages().returns;
  const [f, setF] = useState({ stationId, repairerId: '', unitId: '', kind: 'refund' as (typeof KINDS)[number], reason: 'serious-quality-defect', requestedDate: '', invoiceNumber: '', invoiceDate: '', invoiceYuan: '', missing: '', documentsComplete: true, note: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).type === 'checkbox' ? (e.target as HTMLInputElement).checked : (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { data, error: problem } = await api.POST('/v1/returns', {
      body: {
        stationId: f.stationId.trim(), ...(f.repairerId.trim() ? { repairerId: f.repairerId.trim() } : {}), unitId: f.unitId.trim(), kind: f.kind, reason: f.reason.trim(),
        requestedDate: f.requestedDate, ...(f.invoiceNumber.trim() ? { invoice: { number: f.invoiceNumber.trim(), date: f.invoiceDate, amountFen: fenOf(f.invoiceYuan) } } : {}),
        accessories: { present: [], missing: codesOf(f.missing) }, documentsComplete: f.documentsComplete, note: f.note.trim(),
      },
    });
    if (problem || !data) return setError(problemText(problem));
    onFiled(data.id);
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{r.file}</h2>
      <div class="filters">
        <label>{r.station}<input value={f.stationId} onInput={set('stationId')} size={8} required /></label>
        <label>{r.repairer}<input value={f.repairerId} onInput={set('repairerId')} size={8} /></label>
        <label>{r.unit}<input value={f.unitId} onInput={set('unitId')} required /></label>
        <label>{r.kind}<select value={f.kind} onChange={set('kind')}>{KINDS.map((k) => <option key={k} value={k}>{r.kinds[k]}</option>)}</select></label>
        <label>{r.reason}<input value={f.reason} onInput={set('reason')} required /></label>
        <label>{r.requestedOn}<input type="date" value={f.requestedDate} onInput={set('requestedDate')} required /></label>
        <label>{r.invoiceNumber}<input value={f.invoiceNumber} onInput={set('invoiceNumber')} /></label>
        <label>{r.invoiceDate}<input type="date" value={f.invoiceDate} onInput={set('invoiceDate')} /></label>
        <label>{r.invoiceYuan}<input inputMode="decimal" value={f.invoiceYuan} onInput={set('invoiceYuan')} size={10} /></label>
        <label>{r.missing}<input value={f.missing} onInput={set('missing')} /></label>
        <label>{r.documentsComplete}<input type="checkbox" checked={f.documentsComplete} onChange={set('documentsComplete')} /></label>
        <label>{r.note}<input value={f.note} onInput={set('note')} required minLength={3} /></label>
        <button type="submit">{r.submit}</button>
      </div>
      <ErrorNote text={error} />
    </form>
  );
}
