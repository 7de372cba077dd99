import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';

type OldPart = Schemas['OldPart'];
type StepPath = 'moves' | 'supplier-inspections' | 'quality-inspections' | 'shipments' | 'disposal-approvals' | 'disposals' | 'unrecoverable';

/** The steps the part's status lets follow (the API checks again and answers 409 otherwise). */
function nextSteps(s: OldPart['status']): StepPath[] {
  const steps: StepPath[] = [];
  if (s.custody === 'in-store') steps.push('moves');
  if (s.custody === 'in-store' && s.recovery === 'pending') steps.push('supplier-inspections');
  if (s.recovery === 'disputed') steps.push('quality-inspections');
  if (s.custody === 'in-store' && s.supplierWantsPart) steps.push('shipments');
  if (s.custody === 'in-store' && !s.supplierWantsPart && s.recovery !== 'pending' && s.recovery !== 'disputed') steps.push('disposal-approvals');
  if (s.custody === 'disposal-approved') steps.push('disposals');
  if (s.custody === 'in-store') steps.push('unrecoverable');
  return steps;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Records the chosen part's next step — move, supplier re-inspection, second inspection, shipment, disposal — always with a note. */
export function OldPartStepForm({ part, onRecorded }: { part: OldPart; onRecorded: () => void }) {
  const t = useMessages();
  const o = t.oldParts;
  const steps = nextSteps(part.status);
  const [step, setStep] = useState<StepPath | undefined>(steps[0]);
  const [f, setF] = useState({
    location: part.status.location ?? '', faultState: part.status.faultState ?? '', verdict: '', inspectedBy: '', wantsPartBack: false, chargeTo: 'manufacturer',
    carrier: '', shippedDate: today(), trackingNumber: '', approvedBy: '', disposedDate: today(), method: '', reason: 'supplier-refuses', note: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof f) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setF({ ...f, [key]: el.type === 'checkbox' ? el.checked : el.value });
  };
  const text = (key: keyof typeof f, label: string, type = 'text') => (
    <label>{label}<input type={type} value={f[key] as string} onInput={set(key)} required={key !== 'trackingNumber'} /></label>
  );
  const choice = (key: keyof typeof f, label: string, options: Record<string, string>) => (
    <label>{label}
      <select value={f[key] as string} onChange={set(key)} required>
        {key === 'verdict' && <option value="">—</option>}
        {Object.entries(options).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
  const body = (): Record<string, unknown> => {
    const note = f.note.trim();
    switch (step) {
      case 'moves': return { location: f.location, faultState: f.faultState, note };
      case 'supplier-inspections': return { verdict: f.verdict, inspectedBy: f.inspectedBy, wantsPartBack: f.wantsPartBack, note };
      case 'quality-inspections': return { verdict: f.verdict, ...(f.verdict === 'rejected' ? { chargeTo: f.chargeTo } : {}), note };
      case 'shipments': return { carrier: f.carrier, shippedDate: f.shippedDate, ...(f.trackingNumber.trim() ? { trackingNumber: f.trackingNumber.trim() } : {}), note };
      case 'disposal-approvals': return { approvedBy: f.approvedBy, note };
      case 'disposals': return { disposedDate: f.disposedDate, method: f.method, note };
      default: return { reason: f.reason, note };
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!step) return;
    setError(null);
    setBusy(true);
    const { error: problem } = await api.POST(`/v1/old-parts/{oldPartId}/${step}` as '/v1/old-parts/{oldPartId}/moves', {
      params: { path: { oldPartId: String(part.id) } },
      body: body() as never,
    });
    setBusy(false);
    if (problem) return setError(problemText(problem));
    onRecorded();
  };
  const pick = (v: Record<string, string>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, v[k] ?? k]));
  return (
    <form class="card" onSubmit={submit} aria-label={o.actionsFor(part.id, part.claimNumber)}>
      <h2>{o.actionsFor(part.id, part.claimNumber)}</h2>
      {steps.length === 0 || !step ? <p>{o.noStep}</p> : (
        <>
          <div class="filters">
            <label>{o.step}
              <select value={step} onChange={(e) => { setStep((e.target as HTMLSelectElement).value as StepPath); setF({ ...f, verdict: '' }); }}>
                {steps.map((s) => <option key={s} value={s}>{o.stepNames[s]}</option>)}
              </select>
            </label>
            {step === 'moves' && <>{text('location', o.location)}{text('faultState', o.faultState)}</>}
            {step === 'supplier-inspections' && (
              <>
                {choice('verdict', o.verdict, pick(o.verdicts, ['accept', 'dispute']))}
                {text('inspectedBy', o.inspectedBy)}
                <label class="check"><span>{o.wantsPartBack}</span><input type="checkbox" checked={f.wantsPartBack} onChange={set('wantsPartBack')} /></label>
              </>
            )}
            {step === 'quality-inspections' && (
              <>
                {choice('verdict', o.verdict, pick(o.verdicts, ['supplier-liable', 'rejected']))}
                {f.verdict === 'rejected' && choice('chargeTo', o.chargeTo, o.chargeTos)}
              </>
            )}
            {step === 'shipments' && <>{text('carrier', o.carrier)}{text('shippedDate', o.shippedDate, 'date')}{text('trackingNumber', o.trackingNumber)}</>}
            {step === 'disposal-approvals' && text('approvedBy', o.approvedBy)}
            {step === 'disposals' && <>{text('disposedDate', o.disposedDate, 'date')}{text('method', o.method)}</>}
            {step === 'unrecoverable' && choice('reason', o.reason, o.reasons)}
          </div>
          <label class="block">{o.note}<textarea rows={2} required minLength={3} value={f.note} onInput={set('note')} /></label>
          <div class="pager"><button type="submit" disabled={busy}>{o.record}</button></div>
        </>
      )}
      <ErrorNote text={error} />
    </form>
  );
}
