import type { Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ReturnStepForm } from './ReturnStepForm';

/** One request: what was filed, whose record binds, every step, and who pays what in yuan (from fen). */
export function ReturnDetail({ item, mayRecord, onRecorded }: { item: Schemas['Return']; mayRecord: boolean; onRecorded: () => void }) {
  const t = useMessages();
  const r = t.returns;
  const s = item.state;
  const refund = item.steps.find((x) => x.step === 'approved')?.details.refundToCustomerFen;
  return (
    <div class="card">
      <h2>{r.detail(item.id)} · {r.statuses[s.status] ?? s.status}</h2>
      <dl class="facts">
        <dt>{r.unit}</dt><dd>{item.unitId} ({r.saleDate} {item.saleDate})</dd>
        <dt>{r.kind}</dt><dd>{r.kinds[item.kind]} · {item.reason}</dd>
        <dt>{r.station}</dt><dd>{item.stationId} / {item.repairerId}</dd>
        <dt>{r.invoice}</dt><dd>{item.invoice ? `${item.invoice.number} · ${item.invoice.date} · ${t.common.yuan(item.invoice.amountFen)}` : r.noInvoice}</dd>
        {s.reasonCodes.length > 0 && <><dt>{r.reasonCodes}</dt><dd>{s.reasonCodes.join(', ')}</dd></>}
        {s.jointInspectionLastDay && <><dt>{r.jointDeadline}</dt><dd>{r.jointLastDay(s.jointInspectionLastDay)}</dd></>}
        {s.binding && <><dt>{r.binding}</dt><dd>{r.bindings[s.binding]}</dd></>}
      </dl>
      <h3>{r.steps}</h3>
      <table>
        <thead><tr><th>{r.step}</th><th>{r.onDate}</th><th>{r.note}</th><th>{r.recordedBy}</th></tr></thead>
        <tbody>{item.steps.map((x) => <tr key={x.id}><td>{r.stepNames[x.step] ?? x.step}</td><td>{x.onDate}</td><td>{x.note}</td><td>{x.recordedBy}</td></tr>)}</tbody>
      </table>
      {s.payers.length > 0 && (
        <>
          <h3>{r.whoPays}</h3>
          <table>
            <thead><tr><th>{r.party}</th><th>{r.amount}</th><th>{r.why}</th></tr></thead>
            <tbody>{s.payers.map((p) => <tr key={p.party}><td>{r.parties[p.party]}{p.id ? ` ${p.id}` : ''}</td><td class="num">{t.common.yuan(p.fen)}</td><td>{p.fen === 0 ? r.nothing : p.party === 'repairer' ? r.missingAt(s.accessoriesMissingAtInspection.join(', ')) : r.whyOf[p.party]}</td></tr>)}</tbody>
          </table>
          {typeof refund === 'number' && refund > 0 && <p>{r.refundToCustomer(t.common.yuan(refund))}</p>}
        </>
      )}
      {mayRecord && <ReturnStepForm item={item} onRecorded={onRecorded} />}
    </div>
  );
}
