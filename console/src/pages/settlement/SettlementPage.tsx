import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';
import { StationStatement } from './StationStatement';
import { RecoveryNotices } from './RecoveryNotices';
import { AccuracyChart } from './AccuracyChart';
import { StatementPayment } from './StatementPayment';
import { StationBalance } from './StationBalance';
import { GoodwillReport } from './GoodwillReport';

const thisMonth = () => new Date().toISOString().slice(0, 7);
const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** A station's month: statement, its way to payment and the station's balance, recoveries of the month and accuracy over its year. */
export function SettlementPage() {
  const t = useMessages();
  const s = t.settlement;
  const [form, setForm] = useState({ stationId: 'S1', month: thisMonth() });
  const [shown, setShown] = useState(form);
  const [tick, setTick] = useState(0);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(shown.month) && shown.stationId.trim() !== '';
  return (
    <section>
      <h1>{s.title}</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setShown({ stationId: form.stationId.trim(), month: form.month }); }}>
        <label>{s.station}<input value={form.stationId} onInput={(e) => setForm({ ...form, stationId: (e.target as HTMLInputElement).value })} size={8} /></label>
        <label>{s.month}<input type="month" value={form.month} onInput={(e) => setForm({ ...form, month: (e.target as HTMLInputElement).value })} /></label>
        <button type="submit">{s.show}</button>
      </form>
      {valid && (
        <>
          <StationStatement stationId={shown.stationId} month={shown.month} tick={tick} />
          <StatementPayment stationId={shown.stationId} month={shown.month} onChanged={() => setTick((n) => n + 1)} />
          <StationBalance stationId={shown.stationId} tick={tick} />
          <RecoveryNotices from={`${shown.month}-01`} to={lastDayOf(shown.month)} />
          <GoodwillReport from={`${shown.month}-01`} to={lastDayOf(shown.month)} tick={tick} />
          <AccuracyChart stationId={shown.stationId} year={shown.month.slice(0, 4)} />
        </>
      )}
    </section>
  );
}
