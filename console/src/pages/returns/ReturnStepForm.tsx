import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { codesOf, fenOf } from './ReturnFileForm';

type Step = 'inspection-scheduled' | 'inspected' | 'approved' | 'refused';
const NEXT: Record<string, Step[]> = { requested: ['inspection-scheduled', 'refused'], 'inspection-scheduled': ['inspected', 'refused'], inspected: ['approved', 'refused'] };
const CODES = ['NDF', 'CDR', 'WA-RETURN-NOT-PERFORMANCE', 'WA-RETURN-INVOICE', 'WA-RETURN-WINDOW', 'WA-RETURN-INCOMPLETE'] as const;

/** The next step the request's state allows: schedule the inspection, record it (who attended), approve or refuse. */
export function ReturnStepForm({ item, onRecorded }: { item: Schemas['Return']; onRecorded: () => void }) {
  const r = useMessages().returns;
  const steps = NEXT[item.state.status] ?? [];
  const [step, setStep] = useState<Step>(steps[0] ?? 'refused');
  const [f, setF] = useState({ date: '', inspectionDate: '', dealerAttended: true, factoryInspector: '', dealerInspector: '', defectConfirmed: true, missing: '', repairCostYuan: '', reasonCode: 'NDF' as (typeof CODES)[number], note: '' });
  const [error, setError] = useState<string | null>(null);
  if (steps.length === 0) return null;
  const current = steps.includes(step) ? step : steps[0]!;
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).type === 'checkbox' ? (e.target as HTMLInputElement).checked : (e.target as HTMLInputElement).value });
  const body = (): Schemas['ReturnStep'] => {
    const note = f.note.trim();
    switch (current) {
      case 'inspection-scheduled': return { step: current, arrivedDate: f.date, inspectionDate: f.inspectionDate, note };
      case 'inspected': return { step: current, inspectedDate: f.date, dealerAttended: f.dealerAttended, factoryInspector: f.factoryInspector.trim(), ...(f.dealerAttended ? { dealerInspector: f.dealerInspector.trim() } : {}), defectConfirmed: f.defectConfirmed, accessoriesMissing: codesOf(f.missing), note };
      case 'approved': return { step: current, decidedDate: f.date, ...(item.kind === 'repair' ? { repairCostFen: fenOf(f.repairCostYuan) } : {}), note };
      case 'refused': return { step: current, decidedDate: f.date, reasonCode: f.reasonCode, note };
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { error: problem } = await api.POST('/v1/returns/{returnId}/steps', { params: { path: { returnId: String(item.id) } }, body: body() });
    if (problem) return setError(problemText(problem));
    setF({ ...f, note: '' });
    onRecorded();
  };
  const dateLabel = current === 'inspection-scheduled' ? r.arrivedDate : current === 'inspected' ? r.inspectedDate : r.decidedDate;
  return (
    <form onSubmit={submit}>
      <h3>{r.record}</h3>
      <div class="filters">
        <label>{r.step}<select value={current} onChange={(e) => setStep((e.target as HTMLSelectElement).value as Step)}>{steps.map((s) => <option key={s} value={s}>{r.stepNames[s]}</option>)}</select></label>
        <label>{dateLabel}<input type="date" value={f.date} onInput={set('date')} required /></label>
        {current === 'inspection-scheduled' && <label>{r.inspectionDate}<input type="date" value={f.inspectionDate} onInput={set('inspectionDate')} required /></label>}
        {current === 'inspected' && (
          <>
            <label>{r.dealerAttended}<input type="checkbox" checked={f.dealerAttended} onChange={set('dealerAttended')} /></label>
            <label>{r.factoryInspector}<input value={f.factoryInspector} onInput={set('factoryInspector')} required /></label>
            {f.dealerAttended && <label>{r.dealerInspector}<input value={f.dealerInspector} onInput={set('dealerInspector')} required /></label>}
            <label>{r.defectConfirmed}<input type="checkbox" checked={f.defectConfirmed} onChange={set('defectConfirmed')} /></label>
            <label>{r.missingAtInspection}<input value={f.missing} onInput={set('missing')} /></label>
          </>
        )}
        {current === 'approved' && item.kind === 'repair' && <label>{r.repairCostYuan}<input inputMode="decimal" value={f.repairCostYuan} onInput={set('repairCostYuan')} required /></label>}
        {current === 'refused' && <label>{r.reasonCode}<select value={f.reasonCode} onChange={set('reasonCode')}>{CODES.map((c) => <option key={c} value={c}>{c}</option>)}</select></label>}
        <label>{r.note}<input value={f.note} onInput={set('note')} required minLength={3} /></label>
        <button type="submit">{r.recordStep}</button>
      </div>
      <ErrorNote text={error} />
    </form>
  );
}
