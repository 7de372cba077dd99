import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { ComponentCoverage } from './ComponentCoverage';
import { ExchangeWindow } from './ExchangeWindow';
import '../rules/badges.css';
import './pre-check.css';

type Kind = 'vin' | 'frameSerial';

/** The dealer's pre-check: VIN or frame serial (and odometer) → each component's coverage; made for a phone. */
export function PreCheckPage() {
  const messages = useMessages();
  const t = messages.preCheck;
  const [kind, setKind] = useState<Kind>('vin');
  const [identity, setIdentity] = useState('');
  const [odometer, setOdometer] = useState('');
  const [date, setDate] = useState('');
  const [answer, setAnswer] = useState<Schemas['Eligibility'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const value = identity.trim();
    const body = {
      unit: kind === 'vin' ? { vin: value.toUpperCase() } : { frameSerial: value },
      ...(odometer.trim() !== '' ? { odometerKm: Number(odometer) } : {}),
      ...(date ? { date } : {}),
    };
    const { data, error: problem } = await api.POST('/v1/eligibility', { body });
    setBusy(false);
    setAnswer(data ?? null);
    if (problem) setError(problemText(problem));
  };

  return (
    <section class="pre-check-page">
      <h1>{t.title}</h1>
      <p class="hint">{t.intro}</p>
      <form class="card pre-check-form" onSubmit={check}>
        <fieldset class="identity-kind">
          <legend>{t.identityKind}</legend>
          <label><input type="radio" name="identity-kind" checked={kind === 'vin'} onChange={() => setKind('vin')} /> {t.vin}</label>
          <label><input type="radio" name="identity-kind" checked={kind === 'frameSerial'} onChange={() => setKind('frameSerial')} /> {t.frameSerial}</label>
        </fieldset>
        <label for="pre-check-identity">{t.identity(kind)}</label>
        <input id="pre-check-identity" type="text" required autocomplete="off" autocapitalize="characters" spellcheck={false} value={identity} onInput={(e) => setIdentity(e.currentTarget.value)} />
        <label for="pre-check-odometer">{t.odometer}</label>
        <input id="pre-check-odometer" type="number" inputMode="numeric" min={0} step={1} value={odometer} onInput={(e) => setOdometer(e.currentTarget.value)} />
        <label for="pre-check-date">{t.date}</label>
        <input id="pre-check-date" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        <button type="submit" disabled={busy || identity.trim() === ''}>{busy ? t.checking : t.check}</button>
      </form>
      <ErrorNote text={error} />
      {answer ? (
        <div class="pre-check-answer" aria-live="polite">
          <section class="card unit-facts" aria-labelledby="unit-title">
            <h2 id="unit-title">{t.unit} {answer.unitId}</h2>
            <dl>
              <dt>{t.productLine}</dt><dd>{t.productLines[answer.productLine] ?? answer.productLine}</dd>
              <dt>{t.saleDate}</dt><dd>{answer.saleDate}</dd>
              <dt>{t.asOf}</dt><dd>{answer.date}</dd>
            </dl>
            {answer.preAuthorisationAboveFen !== undefined ? <p class="hint">{t.preAuthorisation(messages.common.yuan(answer.preAuthorisationAboveFen))}</p> : null}
          </section>
          {answer.exchangeWindowLastDay && answer.exchangeWindowDays !== undefined ? (
            <ExchangeWindow days={answer.exchangeWindowDays} lastDay={answer.exchangeWindowLastDay} open={answer.exchangeWindowOpen === true} />
          ) : null}
          <h2>{t.componentsTitle}</h2>
          <ul class="coverage-list">
            {answer.components.map((c) => <ComponentCoverage key={c.component ?? c.partNumber} c={c} />)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
