import { useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import type { ClaimRead } from './types';

/** Issues a pre-authorisation for the claim's unit and one of its components. */
export function PreAuthorisationForm({ claim, onIssued }: { claim: ClaimRead; onIssued: () => void }) {
  const t = useMessages();
  const c = t.claim;
  const components = [...new Set(claim.jobs.map((j) => j.component))];
  const [component, setComponent] = useState(components[0] ?? '');
  const [yuan, setYuan] = useState('');
  const [validFrom, setValidFrom] = useState(claim.claim.failureDate ?? claim.today);
  const [validTo, setValidTo] = useState(claim.today);
  const [note, setNote] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!claim.unitId) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const { data, error: problem } = await api.POST('/v1/preauthorisations', {
      body: { unitId: claim.unitId!, component, amountLimitFen: Math.round(Number(yuan) * 100), validFrom, validTo, ...(note.trim() ? { note: note.trim() } : {}) },
    });
    if (problem || !data) return setError(problemText(problem));
    setIssued(data.number);
    onIssued();
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{c.issuePreAuthorisation}</h2>
      <div class="filters">
        <label>
          {c.component}
          <select value={component} onChange={(e) => setComponent((e.target as HTMLSelectElement).value)}>
            {components.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </label>
        <label>
          {c.amountLimit}
          <input type="number" min={0.01} step="0.01" required value={yuan} onInput={(e) => setYuan((e.target as HTMLInputElement).value)} style={{ width: '9rem' }} />
        </label>
        <label>
          {c.validFrom}
          <input type="date" required value={validFrom} onInput={(e) => setValidFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {c.validTo}
          <input type="date" required value={validTo} onInput={(e) => setValidTo((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {c.note}
          <input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{c.issue}</button>
      </div>
      {issued && <p role="status">{c.issued(issued)}</p>}
      <ErrorNote text={error} />
    </form>
  );
}
