import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { InvoiceForm } from './InvoiceForm';
import { PaymentForm } from './PaymentForm';

type Payment = Schemas['StatementPayment'];

/** A statement from the auditor's result to payment (费用结算室 §8–11): send, invoice and its check, finance's return, payment; every step kept. */
export function StatementPayment({ stationId, month, onChanged }: { stationId: string; month: string; onChanged: () => void }) {
  const t = useMessages();
  const p = t.payment;
  const [tick, setTick] = useState(0);
  const view = useLoad(() => api.GET('/v1/statements/stations/{stationId}/{month}/payment', { params: { path: { stationId, month } } }), [stationId, month], tick);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const changed = () => {
    setTick((n) => n + 1);
    onChanged();
  };
  const send = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { error: problem } = await api.POST('/v1/statements/stations/{stationId}/{month}/results', { params: { path: { stationId, month } }, body: { note: note.trim() } });
    if (problem) return setError(problemText(problem));
    setNote('');
    changed();
  };
  const v: Payment | undefined = view.data;
  const canSend = v && ['not-sent', 'awaiting-invoice', 'invoice-returned'].includes(v.status);
  return (
    <section class="card">
      <h2>{p.title(stationId, month)}</h2>
      <ErrorNote text={view.error} />
      {v && (
        <>
          <p class="totals" data-testid="payment-status">
            {p.status}: {p.statuses[v.status] ?? v.status} · {p.net} {v.netFen === null ? '—' : t.common.yuan(v.netFen)} · {p.paid} {t.common.yuan(v.paidFen)} · {p.outstanding} {t.common.yuan(v.outstandingFen)}
          </p>
          {canSend && (
            <form class="filters" onSubmit={send} aria-label={p.sendResult}>
              <label>{p.note}<input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} required minLength={3} size={40} /></label>
              <button type="submit">{p.sendResult}</button>
            </form>
          )}
          <ErrorNote text={error} />
          <InvoiceForm stationId={stationId} month={month} payment={v} onRecorded={changed} />
          {(v.status === 'invoice-received' || v.status === 'part-paid') && <PaymentForm stationId={stationId} month={month} payment={v} onRecorded={changed} />}
          {v.steps.length > 0 && (
            <table data-testid="payment-steps">
              <caption>{p.history}</caption>
              <thead><tr><th scope="col">{p.status}</th><th scope="col" class="num">{t.settlement.amount}</th><th scope="col">{p.noteColumn}</th><th scope="col">{t.settlement.bookedOn}</th></tr></thead>
              <tbody>
                {v.steps.map((s) => (
                  <tr key={s.id}>
                    <td>{p.stepNames[s.step] ?? s.step}{s.details.invoiceNumber ? ` ${String(s.details.invoiceNumber)}` : ''}{s.details.method ? ` · ${p.methods[String(s.details.method)]}` : ''}</td>
                    <td class="num">{t.common.yuan(s.amountFen)}</td>
                    <td>{s.note}</td>
                    <td>{s.recordedAt.slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
