import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';
import { ServiceLevelReport } from './ServiceLevelReport';

const today = () => new Date().toISOString().slice(0, 10);

/** A station against the policy's service-level limits over a period. */
export function ServiceLevelsPage() {
  const t = useMessages();
  const l = t.serviceLevels;
  const [form, setForm] = useState({ stationId: 'S1', from: `${today().slice(0, 7)}-01`, to: today() });
  const [shown, setShown] = useState(form);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value });
  return (
    <section>
      <h1>{l.title}</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setShown({ ...form, stationId: form.stationId.trim() }); }}>
        <label>{l.station}<input value={form.stationId} onInput={set('stationId')} size={8} required /></label>
        <label>{l.from}<input type="date" value={form.from} onInput={set('from')} required /></label>
        <label>{l.to}<input type="date" value={form.to} onInput={set('to')} required /></label>
        <button type="submit">{l.show}</button>
      </form>
      {shown.stationId !== '' && <ServiceLevelReport stationId={shown.stationId} from={shown.from} to={shown.to} />}
    </section>
  );
}
