import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';
import { OldPartLedger } from './OldPartLedger';
import { ReceiveOldPartForm } from './ReceiveOldPartForm';
import { OldPartReturns } from './OldPartReturns';

const today = () => new Date().toISOString().slice(0, 10);

/** The central store's old parts: the ledger with each part's next step, receipts, and a station's return and pass rates. */
export function OldPartsPage() {
  const t = useMessages();
  const o = t.oldParts;
  const [form, setForm] = useState({ stationId: '', claimNumber: '', from: `${today().slice(0, 7)}-01`, to: today() });
  const [shown, setShown] = useState(form);
  const [tick, setTick] = useState(0);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value });
  return (
    <section>
      <h1>{o.title}</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setShown({ ...form, stationId: form.stationId.trim(), claimNumber: form.claimNumber.trim() }); }}>
        <label>{o.station}<input value={form.stationId} onInput={set('stationId')} size={8} /></label>
        <label>{o.claimNumber}<input value={form.claimNumber} onInput={set('claimNumber')} size={14} /></label>
        <label>{o.from}<input type="date" value={form.from} onInput={set('from')} /></label>
        <label>{o.to}<input type="date" value={form.to} onInput={set('to')} /></label>
        <button type="submit">{o.show}</button>
      </form>
      <OldPartLedger stationId={shown.stationId} claimNumber={shown.claimNumber} tick={tick} />
      <ReceiveOldPartForm stationId={shown.stationId} onReceived={() => setTick((n) => n + 1)} />
      {shown.stationId !== '' && shown.from <= shown.to && <OldPartReturns stationId={shown.stationId} from={shown.from} to={shown.to} tick={tick} />}
    </section>
  );
}
