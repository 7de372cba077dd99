import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { fenOfYuan, yuanOfFen } from '../../money/fen-of-yuan';

type Payment = Schemas['StatementPayment'];
interface Mismatch { code?: string; netFen?: number; invoiceFen?: number; differenceFen?: number }

const today = () => new Date().toISOString().slice(0, 10);

/** Records the station's invoice — the API checks its amount against the net sent — or, once received, finance returns it. */
export function InvoiceForm({ stationId, month, payment, onRecorded }: { stationId: string; month: string; payment: Payment; onRecorded: () => void }) {
  const t = useMessages();
  const p = t.payment;
  const [f, setF] = useState({ invoiceNumber: '', amount: payment.netFen === null ? '' : yuanOfFen(payment.netFen), invoiceDate: today(), note: '' });
  const [check, setCheck] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof f) => (e: Event) => setF({ ...f, [key]: (e.target as HTMLInputElement).value });
  const record = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setCheck(null);
    const amountFen = fenOfYuan(f.amount);
    if (amountFen === null) return setError(p.badAmount);
    const { error: problem } = await api.POST('/v1/statements/stations/{stationId}/{month}/invoices', {
      params: { path: { stationId, month } },
      body: { invoiceNumber: f.invoiceNumber.trim(), amountFen, invoiceDate: f.invoiceDate, note: f.note.trim() },
    });
    const m = problem as Mismatch | undefined;
    if (m?.code === 'invoice-amount-mismatch') return setCheck({ ok: false, text: p.invoiceDiffers(t.common.yuan(m.invoiceFen ?? amountFen), t.common.yuan(m.netFen ?? 0), t.common.yuan(m.differenceFen ?? 0)) });
    if (problem) return setError(problemText(problem));
    setCheck({ ok: true, text: p.invoiceMatches(t.common.yuan(amountFen)) });
    setF({ ...f, note: '' });
    onRecorded();
  };
  const reject = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const invoiceNumber = payment.invoice?.invoiceNumber ?? '';
    const { error: problem } = await api.POST('/v1/statements/stations/{stationId}/{month}/invoices/{invoiceNumber}/rejections', {
      params: { path: { stationId, month, invoiceNumber } },
      body: { note: f.note.trim() },
    });
    if (problem) return setError(problemText(problem));
    setCheck(null);
    setF({ ...f, invoiceNumber: '', note: '' });
    onRecorded();
  };
  const awaiting = payment.status === 'awaiting-invoice' || payment.status === 'invoice-returned';
  const received = payment.status === 'invoice-received';
  return (
    <>
      {check && <p class={check.ok ? 'ok' : 'error'} role="status" data-testid="invoice-check">{check.text}</p>}
      {awaiting && (
        <form class="filters" onSubmit={record} aria-label={p.invoice}>
          <label>{p.invoiceNumber}<input value={f.invoiceNumber} onInput={set('invoiceNumber')} required size={12} /></label>
          <label>{p.amountYuan}<input value={f.amount} onInput={set('amount')} required inputMode="decimal" size={14} /></label>
          <label>{p.invoiceDate}<input type="date" value={f.invoiceDate} onInput={set('invoiceDate')} required /></label>
          <label>{p.note}<input value={f.note} onInput={set('note')} required minLength={3} size={24} /></label>
          <button type="submit">{p.recordInvoice}</button>
        </form>
      )}
      {received && payment.invoice && (
        <form class="filters" onSubmit={reject} aria-label={p.rejectInvoice}>
          <span>{p.invoice} {payment.invoice.invoiceNumber} · {t.common.yuan(payment.invoice.amountFen)} · {payment.invoice.invoiceDate}</span>
          <label>{p.note}<input value={f.note} onInput={set('note')} required minLength={3} size={24} /></label>
          <button type="submit" class="danger">{p.rejectInvoice}</button>
        </form>
      )}
      <ErrorNote text={error} />
    </>
  );
}
