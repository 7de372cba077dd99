import type { Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';

/** Which units a campaign names and how it pays. */
export function CampaignTermsView({ campaign }: { campaign: Schemas['Campaign'] }) {
  const messages = useMessages();
  const t = messages.campaigns;
  const yuan = messages.common.yuan;
  const a = campaign.affected;
  const terms = campaign.terms;
  return (
    <div class="campaign-terms">
      <section data-testid="campaign-affected">
        <h3>{t.affectedTitle}</h3>
        {a.by === 'units' ? (
          <>
            <p>{t.byUnits(a.vins.length, a.serialNumbers.length)}</p>
            <p class="unit-list">{[...a.vins, ...a.serialNumbers].map((v) => <code key={v}>{v}</code>)}</p>
          </>
        ) : (
          <dl>
            <dt>{t.byRange}</dt>
            <dd>{t.models}: {a.models.length === 0 ? t.allModels : a.models.join(', ')}</dd>
            {a.productionDate ? <dd>{t.productionDate}: {t.range(a.productionDate.from, a.productionDate.to)}</dd> : null}
            {a.saleDate ? <dd>{t.saleDate}: {t.range(a.saleDate.from, a.saleDate.to)}</dd> : null}
          </dl>
        )}
      </section>
      <section data-testid="campaign-terms">
        <h3>{t.termsTitle}</h3>
        <dl>
          <dt>{t.operation}</dt>
          <dd><code>{terms.operationCode}</code> — {t.labour(terms.labourHours, terms.labourRateFen === null ? null : yuan(terms.labourRateFen))}</dd>
          <dt>{terms.parts.mode === 'listed' ? t.partsListed : t.partsAsClaimed(yuan(terms.parts.capFen))}</dt>
          {terms.parts.mode === 'listed'
            ? terms.parts.items.map((p) => <dd key={p.partNumber}><code>{p.partNumber}</code> × {p.quantity} @ {yuan(p.unitPriceFen)}</dd>)
            : null}
          <dt>{t.liable}</dt>
          <dd>{t.parties[terms.liableParty.type] ?? terms.liableParty.type}{terms.liableParty.id ? ` ${terms.liableParty.id}` : ''}</dd>
        </dl>
      </section>
    </div>
  );
}
