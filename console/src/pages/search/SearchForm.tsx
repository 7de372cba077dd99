import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';

const STATUSES = ['approved', 'adjusted', 'partial', 'denied', 'pended'] as const;

export interface ClaimSearch {
  claimNumber?: string;
  vin?: string;
  frameSerial?: string;
  stationId?: string;
  status?: (typeof STATUSES)[number];
  from?: string;
  to?: string;
}

/** The search fields; empty ones are left out of the query. */
export function SearchForm({ onSearch }: { onSearch: (query: ClaimSearch) => void }) {
  const t = useMessages();
  const s = t.search;
  const [form, setForm] = useState({ claimNumber: '', vin: '', frameSerial: '', stationId: '', status: '', from: '', to: '' });
  const set = (field: keyof typeof form) => (e: Event) => setForm({ ...form, [field]: (e.target as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    onSearch(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as ClaimSearch);
  };
  return (
    <form class="filters" onSubmit={submit} role="search">
      <label>{s.claimNumber}<input value={form.claimNumber} onInput={set('claimNumber')} /></label>
      <label>{s.vin}<input value={form.vin} onInput={set('vin')} size={19} /></label>
      <label>{s.frameSerial}<input value={form.frameSerial} onInput={set('frameSerial')} /></label>
      <label>{s.station}<input value={form.stationId} onInput={set('stationId')} size={8} /></label>
      <label>
        {s.status}
        <select value={form.status} onChange={set('status')}>
          <option value="">{s.anyStatus}</option>
          {STATUSES.map((x) => <option key={x} value={x}>{t.common.statuses[x]}</option>)}
        </select>
      </label>
      <label>{s.from}<input type="date" value={form.from} onInput={set('from')} /></label>
      <label>{s.to}<input type="date" value={form.to} onInput={set('to')} /></label>
      <button type="submit">{s.search}</button>
    </form>
  );
}
