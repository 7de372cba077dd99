import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { OldPartStepForm } from './OldPartStepForm';

type OldPart = Schemas['OldPart'];

/** The ledger: where each part is, its fault state, its re-inspection; choosing one opens its next step. */
export function OldPartLedger({ stationId, claimNumber, tick }: { stationId: string; claimNumber: string; tick: number }) {
  const t = useMessages();
  const o = t.oldParts;
  const [chosen, setChosen] = useState<number | null>(null);
  const [changed, setChanged] = useState(0);
  const list = useLoad(
    () => api.GET('/v1/old-parts', { params: { query: { ...(stationId ? { stationId } : {}), ...(claimNumber ? { claimNumber } : {}), limit: 500 } } }),
    [stationId, claimNumber],
    `${tick}/${changed}`,
  );
  const parts = list.data?.items ?? [];
  const part = parts.find((p) => p.id === chosen);
  return (
    <>
      <section class="card">
        <h2>{o.ledger}</h2>
        <ErrorNote text={list.error} />
        {list.data && (parts.length === 0 ? <p>{o.noParts}</p> : (
          <table data-testid="old-part-ledger">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{o.claimNumber}</th>
                <th scope="col">{o.line}</th>
                <th scope="col">{o.partNumber}</th>
                <th scope="col">{o.party}</th>
                <th scope="col">{o.custodyLabel}</th>
                <th scope="col">{o.location}</th>
                <th scope="col">{o.faultState}</th>
                <th scope="col">{o.recoveryLabel}</th>
                <th scope="col">{o.chargedBackTo}</th>
                <th scope="col">{o.steps}</th>
              </tr>
            </thead>
            <tbody>
              {parts.map((p: OldPart) => (
                <tr key={p.id} data-testid={`old-part-${p.id}`} aria-selected={p.id === chosen ? 'true' : undefined}>
                  <td>{p.id}</td>
                  <td>{p.stationId} · {p.claimNumber}</td>
                  <td>{p.lineId}</td>
                  <td>{p.partNumber ?? '—'}</td>
                  <td>{t.claim.parties[p.party.type] ?? p.party.type} {p.party.id ?? ''}</td>
                  <td data-testid="custody">
                    {o.custody[p.status.custody] ?? p.status.custody}
                    {p.status.refusedFor.length > 0 && <> ({o.refusedFor(p.status.refusedFor.join(', '))})</>}
                  </td>
                  <td>{p.status.location ?? '—'}</td>
                  <td>{p.status.faultState ?? '—'}</td>
                  <td data-testid="recovery">{o.recovery[p.status.recovery] ?? p.status.recovery}</td>
                  <td>{p.status.chargedBackTo ? o.chargeTos[p.status.chargedBackTo] : '—'}</td>
                  <td>
                    <button type="button" class="secondary" aria-label={`${o.choose} ${p.id}`} onClick={() => setChosen(p.id)}>{o.choose}</button>
                    {' '}{p.steps.length}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      {part && <OldPartStepForm key={`${part.id}-${part.steps.length}`} part={part} onRecorded={() => setChanged((n) => n + 1)} />}
    </>
  );
}
