import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { fenOfYuan, yuanOfFen } from '../../money/fen-of-yuan';

const today = () => new Date().toISOString().slice(0, 10);

/** Pays an invoiced statement to the station's account or as parts credit; never more than is outstanding (the API checks). */
export function PaymentForm({ stationId, month, payment, onRecorded }: { stationId: string; month: string; payment: Schemas['StatementPayment']; onRecorded: () => void }) {
  const t = useMessages();
  const p = t.payment;
  const [f, setF] = useState({ method: 'account', amount: yuanOfFen(payment.outstandingFen), paidDate: today(), reference: '', note: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof f) => (e: Event) => setF({ ...f, [key]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const amountFen = fenOfYuan(f.amount);
    if (amountFen === null) return setError(p.badAmount);
    const { error: problem } = await api.POST('/v1/statements/stations/{stationId}/{month}/payments', {
      params: { path: { stationId, month } },
      body: { method: f.method as 'account' | 'parts-credit', amountFen, paidDate: f.paidDate, ...(f.reference.trim() ? { reference: f.reference.trim() } : {}), note: f.note.trim() },
    });
    if (problem) return setError(problemText(problem));
    onRecorded();
  };
  return (
    <form class="filters" onSubmit={submit} aria-label={p.payment}>
      <label>{p.method}
        <select value={f.method} onChange={set('method')}>
          {Object.entries(p.methods).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </label>
      <label>{p.amountYuan}<input value={f.amount} onInput={set('amount')} required inputMode="decimal" size={14} /></label>
      <label>{p.paidDate}<input type="date" value={f.paidDate} onInput={set('paidDate')} required /></label>
      <label>{p.reference}<input value={f.reference} onInput={set('reference')} size={12} /></label>
      <label>{p.note}<input value={f.note} onInput={set('note')} required minLength={3} size={24} /></label>
      <button type="submit">{p.recordPayment}</button>
      <ErrorNote text={error} />
    </form>
  );
}
