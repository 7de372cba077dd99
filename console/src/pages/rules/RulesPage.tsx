import { useEffect, useState } from 'preact/hooks';
import { api, problemText } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { RuleSetVersions, type StoredVersion } from './RuleSetVersions';
import { RuleSetDetail } from './RuleSetDetail';
import { DraftCheck } from './DraftCheck';
import './rules.css';

/** The policy owner's rule sets: versions with windows and hashes, one rule set's rules, cases and coverage, and the draft check. */
export function RulesPage() {
  const messages = useMessages();
  const t = messages.rules;
  const [versions, setVersions] = useState<StoredVersion[] | null>(null);
  const [selected, setSelected] = useState<StoredVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/v1/rulesets', { params: { query: { limit: 500 } } }).then(({ data, error: problem }) => {
      if (problem) return setError(problemText(problem));
      const items = data?.items ?? [];
      setVersions(items);
      setSelected(items.find((v) => v.kind === 'rule-set' && v.loaded) ?? null);
    });
  }, []);

  return (
    <section class="rules-page">
      <h1>{t.title}</h1>
      <ErrorNote text={error} />
      {versions === null && !error ? <p class="loading">{messages.common.loading}</p> : null}
      {versions ? (
        <>
          <section aria-labelledby="versions-title">
            <h2 id="versions-title">{t.versionsTitle}</h2>
            <RuleSetVersions versions={versions} selected={selected?.hash ?? null} onSelect={setSelected} />
          </section>
          {selected ? <RuleSetDetail key={selected.hash} id={selected.id} version={selected.version} hash={selected.hash} inForce={selected.loaded} /> : null}
          <DraftCheck inForce={versions.filter((v) => v.loaded)} />
        </>
      ) : null}
    </section>
  );
}
