import { useEffect, useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { DraftInput, type Draft } from '../rules/DraftInput';
import { ProblemList } from '../rules/ProblemList';
import { BacktestReportView } from './BacktestReportView';
import '../rules/badges.css';
import './backtests.css';

type Run = Schemas['BacktestRun'];
type Problem = Schemas['RuleFileProblem'];

const POLL_MS = 400;

/** The policy owner's backtest: a draft and a period → progress while it runs → what would change. */
export function BacktestsPage() {
  const messages = useMessages();
  const t = messages.backtests;
  const [draft, setDraft] = useState<Draft>({ path: 'rules/nev-special-vehicle/2021-01-01.json', text: '' });
  const [period, setPeriod] = useState({ from: '', to: '', productLine: '' });
  const [lines, setLines] = useState<string[]>([]);
  const [run, setRun] = useState<Run | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    void api.GET('/v1/product-lines').then(({ data }) => setLines((data?.items ?? []).map((l) => l.productLine)));
  }, []);

  // While the run is running, ask for its progress.
  useEffect(() => {
    if (!run || run.status !== 'running') return;
    const timer = setTimeout(async () => {
      const { data, error: problem } = await api.GET('/v1/backtests/{id}', { params: { path: { id: run.id } } });
      if (problem) return setError(problemText(problem));
      if (data) setRun(data as unknown as Run);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  const start = async (event: Event) => {
    event.preventDefault();
    setStarting(true);
    setError(null);
    setProblems([]);
    setRun(null);
    const body = {
      files: [{ path: draft.path, text: draft.text }],
      overlay: true,
      format: 'json' as const,
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
      ...(period.productLine ? { productLine: period.productLine } : {}),
    };
    const { data, error: problem } = await api.POST('/v1/backtests', { body, headers: { prefer: 'respond-async' } });
    setStarting(false);
    if (problem) {
      const listed = (problem as { problems?: Problem[] }).problems;
      if (listed) setProblems(listed);
      return setError(problemText(problem));
    }
    setRun(data as unknown as Run);
  };

  const busy = starting || run?.status === 'running';
  return (
    <section class="backtests-page">
      <h1>{t.title}</h1>
      <p class="hint">{t.intro}</p>
      <form onSubmit={start} class="card backtest-form">
        <fieldset>
          <legend>{t.draftTitle}</legend>
          <DraftInput draft={draft} onChange={setDraft} idPrefix="backtest-draft" />
        </fieldset>
        <fieldset class="period">
          <legend>{t.periodTitle}</legend>
          <label>{t.from}<input type="date" value={period.from} onInput={(e) => setPeriod({ ...period, from: e.currentTarget.value })} /></label>
          <label>{t.to}<input type="date" value={period.to} onInput={(e) => setPeriod({ ...period, to: e.currentTarget.value })} /></label>
          <label>{t.productLine}
            <select value={period.productLine} onChange={(e) => setPeriod({ ...period, productLine: e.currentTarget.value })}>
              <option value="">{t.allLines}</option>
              {lines.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </label>
        </fieldset>
        <button type="submit" disabled={busy || draft.text.trim() === ''}>{busy ? t.running : t.run}</button>
      </form>
      <ErrorNote text={error} />
      <ProblemList problems={problems} title={messages.rules.problemsTitle} />
      {run ? <RunProgress run={run} /> : null}
      {run?.status === 'failed' ? <ErrorNote text={run.error ?? t.failed} /> : null}
      {run?.report ? <BacktestReportView report={run.report} /> : null}
    </section>
  );
}

function RunProgress({ run }: { run: Run }) {
  const t = useMessages().backtests;
  const { claims, total } = run.progress;
  return (
    <div class="run-progress" aria-live="polite" data-testid="backtest-progress" data-status={run.status}>
      <label>
        {t.progress}{' '}
        <progress max={total ?? undefined} value={run.status === 'running' && total === null ? undefined : claims} aria-label={t.progress} />
      </label>
      <span> {t.progressText(claims, total)}</span>
    </div>
  );
}
