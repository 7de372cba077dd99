import { useMessages } from '../../i18n/language';
import type { ClaimRead } from './types';

/** Claim, station, unit and dates. */
export function ClaimFacts({ claim }: { claim: ClaimRead }) {
  const t = useMessages();
  const c = t.claim;
  return (
    <section class="card" aria-label={c.title}>
      <dl class="facts">
        <dt>{c.station}</dt><dd>{claim.stationId}</dd>
        <dt>{c.unit}</dt><dd>{claim.unitId ?? '—'}</dd>
        <dt>{c.productLine}</dt><dd>{claim.productLine ?? '—'}</dd>
        <dt>{c.odometer}</dt><dd>{claim.claim.odometerKm === null ? '—' : c.km(claim.claim.odometerKm)}</dd>
        <dt>{c.failureDate}</dt><dd>{claim.claim.failureDate ?? '—'}</dd>
        <dt>{c.repairDate}</dt><dd>{claim.claim.repairDate ?? '—'}</dd>
        <dt>{c.receivedDate}</dt><dd>{claim.receivedDate}</dd>
        <dt>{c.ruleSet}</dt><dd>{claim.ruleSet ? `${claim.ruleSet.id} ${claim.ruleSet.version}` : '—'}</dd>
        <dt>{c.reportedFault}</dt><dd>{claim.claim.reportedFault ?? '—'}</dd>
        <dt>{c.totals}</dt>
        <dd>
          {c.claimed} {t.common.yuan(claim.totals.claimedFen)} · {c.approved} {t.common.yuan(claim.totals.approvedFen)} · {c.deducted} {t.common.yuan(claim.totals.deductedFen)}
          {claim.totals.pendingFen > 0 && ` · ${c.pending} ${t.common.yuan(claim.totals.pendingFen)}`}
          {claim.totals.heldFen > 0 && ` · ${c.held} ${t.common.yuan(claim.totals.heldFen)}`}
        </dd>
      </dl>
    </section>
  );
}
