import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { CampaignReportView } from './CampaignReportView';
import { CampaignTermsView } from './CampaignTermsView';

type Campaign = Schemas['Campaign'];

/** One campaign: its affected-unit rule and terms, its versions and steps, its report; close or reopen it. */
export function CampaignDetail({ code, mayWrite, onChange }: { code: string; mayWrite: boolean; onChange: () => void }) {
  const t = useMessages().campaigns;
  const campaign = useLoad(() => api.GET('/v1/campaigns/{code}', { params: { path: { code } } }), [code]);
  const c = campaign.data;
  return (
    <>
      <ErrorNote text={campaign.error} />
      {c ? (
        <>
          <section class="card" data-testid="campaign-detail">
            <h2><code>{c.code}</code> {c.title}</h2>
            <p>
              {t.kinds[c.kind] ?? c.kind} · {c.productLine} · {t.version} {c.version} ·{' '}
              <span class={`badge campaign-${c.status}`} data-testid="campaign-status">{t.statuses[c.status] ?? c.status}</span>
            </p>
            <CampaignTermsView campaign={c} />
          </section>
          <CampaignReportView code={c.code} version={c.version} />
          <History campaign={c} />
          {mayWrite ? <StepForm campaign={c} onDone={() => { campaign.reload(); onChange(); }} /> : null}
        </>
      ) : null}
    </>
  );
}

function History({ campaign }: { campaign: Campaign }) {
  const t = useMessages().campaigns;
  return (
    <section class="card">
      <h2>{t.versionsTitle}</h2>
      <table data-testid="campaign-versions">
        <thead><tr><th scope="col">{t.version}</th><th scope="col">{t.name}</th><th scope="col">{t.note}</th><th scope="col">{t.by}</th></tr></thead>
        <tbody>
          {campaign.versions.map((v) => (
            <tr key={v.version}><td>{v.version}</td><td>{v.title}</td><td>{v.note}</td><td>{v.createdBy} · {v.createdAt.slice(0, 10)}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>{t.stepsTitle}</h3>
      <table data-testid="campaign-steps">
        <thead><tr><th scope="col">{t.status}</th><th scope="col">{t.effective}</th><th scope="col">{t.note}</th><th scope="col">{t.by}</th></tr></thead>
        <tbody>
          {campaign.steps.map((s) => (
            <tr key={s.seq}><td>{t.steps[s.step] ?? s.step}</td><td>{s.on}</td><td>{s.note}</td><td>{s.recordedBy}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StepForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const t = useMessages().campaigns;
  const last = campaign.steps[campaign.steps.length - 1];
  const step = last?.step === 'closed' ? 'opened' : 'closed';
  const [on, setOn] = useState(campaign.today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const { error: problem } = await api.POST('/v1/campaigns/{code}/steps', { params: { path: { code: campaign.code } }, body: { step, on, note } });
    if (problem) return setError(problemText(problem));
    setNote('');
    onDone();
  };
  return (
    <form class="card campaign-form" onSubmit={submit}>
      <h2>{step === 'closed' ? t.closeTitle : t.reopenTitle}</h2>
      <div class="fields">
        <label>{t.closeOn}<input type="date" value={on} onInput={(e) => setOn(e.currentTarget.value)} required /></label>
        <label class="wide">{t.closeNote}<input value={note} onInput={(e) => setNote(e.currentTarget.value)} required minLength={3} /></label>
      </div>
      <button type="submit">{step === 'closed' ? t.close : t.reopen}</button>
      <ErrorNote text={error} />
    </form>
  );
}
