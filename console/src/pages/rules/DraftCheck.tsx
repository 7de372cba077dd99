import { useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { DraftInput, pathOf, type Draft } from './DraftInput';
import { MarkedText } from './MarkedText';
import { ProblemList } from './ProblemList';
import type { StoredVersion } from './RuleSetVersions';

/** Paste or upload a draft, check it against the rule book in force, see each problem at its line and column. */
export function DraftCheck({ inForce }: { inForce: StoredVersion[] }) {
  const t = useMessages().rules;
  const [draft, setDraft] = useState<Draft>({ path: inForce[0] ? pathOf(inForce[0]) : 'rules/', text: '' });
  const [checked, setChecked] = useState<{ text: string; path: string; result: Schemas['DraftValidation'] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadCurrent = async (v: StoredVersion) => {
    const { data, error: problem } = await api.GET('/v1/rulesets/{id}/{version}', { params: { path: { id: v.id, version: v.version }, query: { hash: v.hash } } });
    if (problem) return setError(problemText(problem));
    setDraft({ path: pathOf(v), text: `${JSON.stringify(data?.files[0]?.content, null, 2)}\n` });
  };

  const check = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const sent = { ...draft };
    const { data, error: problem } = await api.POST('/v1/rulesets/validate', { body: { files: [{ path: sent.path, text: sent.text }], overlay: true } });
    setBusy(false);
    if (problem) {
      setChecked(null);
      return setError(problemText(problem));
    }
    if (data) setChecked({ ...sent, result: data });
  };

  const own = checked ? checked.result.problems.filter((p) => p.file === checked.path) : [];
  const others = checked ? checked.result.problems.filter((p) => p.file !== checked.path) : [];
  return (
    <section aria-labelledby="draft-title" class="draft-check">
      <h2 id="draft-title">{t.draftTitle}</h2>
      <p class="hint">{t.draftHint}</p>
      <div class="load-current">
        {inForce.map((v) => (
          <button key={v.hash} type="button" class="secondary" onClick={() => void loadCurrent(v)}>{t.loadCurrentOf(t.kinds[v.kind] ?? v.kind, v.id, v.version)}</button>
        ))}
      </div>
      <form onSubmit={check}>
        <DraftInput draft={draft} onChange={setDraft} idPrefix="draft" />
        <button type="submit" disabled={busy || draft.text.trim() === ''}>{busy ? t.checking : t.check}</button>
      </form>
      <ErrorNote text={error} />
      {checked ? (
        <div class="draft-result" aria-live="polite">
          <p data-testid="draft-summary" class={checked.result.valid ? 'ok' : 'error'}>
            {checked.result.valid ? (checked.result.warnings > 0 ? t.warningsOnly(checked.result.warnings) : t.valid) : t.invalid(checked.result.errors, checked.result.warnings)}
          </p>
          <ProblemList problems={own} title={t.problemsTitle} />
          {own.length > 0 ? <MarkedText text={checked.text} problems={own} /> : null}
          <ProblemList problems={others} title={t.otherFiles} />
        </div>
      ) : null}
    </section>
  );
}
