import type { Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';

/** The statement's goodwill (paid apart from warranty), its charge-backs (rejected lines whose cost returns to the station) and what approved returns cost it. */
export function StatementExtras({ statement }: { statement: Schemas['StationStatement'] }) {
  const t = useMessages();
  const s = t.settlement;
  const y = t.common.yuan;
  return (
    <>
      {statement.goodwill.length > 0 && (
        <table data-testid="statement-goodwill">
          <caption>{s.goodwill}</caption>
          <thead>
            <tr>
              <th scope="col">{s.bookedOn}</th><th scope="col">{s.claimNumber}</th><th scope="col">{s.line}</th><th scope="col" class="num">{s.goodwillBase}</th>
              <th scope="col" class="num">{s.manufacturerShare}</th><th scope="col" class="num">{s.supplierShare}</th><th scope="col" class="num">{s.customerShare}</th><th scope="col" class="num">{s.paid}</th>
            </tr>
          </thead>
          <tbody>
            {statement.goodwill.map((g) => (
              <tr key={`${g.claimNumber}${g.lineId}`}>
                <td>{g.grantedOn}</td><td>{g.claimNumber}</td><td>{g.lineId}</td><td class="num">{y(g.baseFen)}</td><td class="num">{y(g.manufacturerFen)}</td>
                <td class="num">{y(g.supplierFen)}{g.supplierId ? ` (${g.supplierId})` : ''}</td><td class="num">{y(g.customerFen)}</td><td class="num">{y(g.paidFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {statement.chargeBacks.length > 0 && (
        <table data-testid="statement-charge-backs">
          <caption>{s.chargeBacks}</caption>
          <thead>
            <tr><th scope="col">{s.chargedOn}</th><th scope="col">{s.claimNumber}</th><th scope="col">{s.line}</th><th scope="col">{t.oldParts.partNumber}</th><th scope="col">{t.oldParts.note}</th><th scope="col" class="num">{s.chargedBack}</th></tr>
          </thead>
          <tbody>
            {statement.chargeBacks.map((c) => (
              <tr key={c.oldPartId}>
                <td>{c.chargedOn}</td><td>{c.claimNumber}</td><td>{c.lineId}</td><td>{c.partNumber ?? '—'}</td><td>{c.note}</td><td class="num">−{y(c.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {statement.returnDebits.length > 0 && (
        <table data-testid="statement-return-debits">
          <caption>{s.returnDebits}</caption>
          <thead>
            <tr><th scope="col">{s.decidedOn}</th><th scope="col">{s.returnId}</th><th scope="col">{s.unit}</th><th scope="col">{s.returnKind}</th><th scope="col">{s.debitWhat}</th><th scope="col" class="num">{s.chargedBack}</th></tr>
          </thead>
          <tbody>
            {statement.returnDebits.map((d) => (
              <tr key={`${d.returnId}${d.what}`}>
                <td>{d.decidedOn}</td><td>{d.returnId}</td><td>{d.unitId}</td><td>{s.returnKinds[d.kind] ?? d.kind}</td><td>{s.debitWhats[d.what] ?? d.what}</td><td class="num">−{y(d.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
