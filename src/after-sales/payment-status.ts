import type { PaymentStep } from './payment-store.js';

export type PaymentStatus = 'not-sent' | 'awaiting-invoice' | 'invoice-received' | 'invoice-returned' | 'part-paid' | 'paid';

export interface StatementPaymentState {
  status: PaymentStatus;
  /** The statement's net as last sent to the station. */
  netFen: number | null;
  invoice: { invoiceNumber: string; amountFen: number; invoiceDate: string } | null;
  paidFen: number;
  outstandingFen: number;
}

/** A statement's payment state: its steps folded in order; the latest result sent binds. */
export function paymentStateOf(steps: readonly PaymentStep[]): StatementPaymentState {
  const state: StatementPaymentState = { status: 'not-sent', netFen: null, invoice: null, paidFen: 0, outstandingFen: 0 };
  for (const s of steps) {
    switch (s.step) {
      case 'result-sent':
        state.status = 'awaiting-invoice';
        state.netFen = s.amountFen;
        state.invoice = null;
        break;
      case 'invoice-received':
        state.status = 'invoice-received';
        state.invoice = { invoiceNumber: String(s.details.invoiceNumber), amountFen: s.amountFen, invoiceDate: String(s.details.invoiceDate) };
        break;
      case 'invoice-rejected':
        state.status = 'invoice-returned';
        state.invoice = null;
        break;
      case 'paid':
        state.paidFen += s.amountFen;
        state.status = state.paidFen >= (state.netFen ?? 0) ? 'paid' : 'part-paid';
        break;
      default:
        break;
    }
  }
  state.outstandingFen = (state.netFen ?? 0) - state.paidFen;
  return state;
}
