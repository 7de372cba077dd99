import { useEffect, useState } from 'preact/hooks';
import { api, problemText, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/language';
import { ErrorNote } from '../../components/ErrorNote';
import { RuleCard } from './RuleCard';
import { CaseResults } from './CaseResults';
import { RuleCoverageTable } from './RuleCoverageTable';
import { ConditionTree } from './ConditionTree';
import { isRuleSetFile, type RuleSetFile } from './rule-file';

interface Loaded {
  file: RuleSetFile | null;
  cases: Schemas['RuleSetCases'] | null;
  coverage: Schemas['RuleCoverage'] | null;
}

/** One rule set version: its rules (readable), its cases with results, and its rule coverage. */
export function RuleSetDetail({ id, version, hash, inForce }: { id: string; version: string; hash: string; inForce: boolean }) {
  const messages = useMessages();
  const t = messages.rules;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setLoaded(null);
    setError(null);
    const params = { path: { id, version } };
    void (async () => {
      const [content, cases, coverage] = await Promise.all([
        api.GET('/v1/rulesets/{id}/{version}', { params: { ...params, query: { hash } } }),
        inForce ? api.GET('/v1/rulesets/{id}/{version}/cases', { params }) : Promise.resolve(null),
        inForce ? api.GET('/v1/rulesets/{id}/{version}/coverage', { params }) : Promise.resolve(null),
      ]);
      if (!live) return;
      const failed = [content, cases, coverage].find((r) => r?.error);
      if (failed?.error) setError(problemText(failed.error));
      const file = content.data?.files.find((f) => f.hash === hash)?.content;
      setLoaded({ file: isRuleSetFile(file) ? file : null, cases: cases?.data ?? null, coverage: coverage?.data ?? null });
    })();
    return () => void (live = false);
  }, [id, version, hash, inForce]);

  if (error) return <ErrorNote text={error} />;
  if (!loaded) return <p class="loading" aria-live="polite">{messages.common.loading}</p>;
  const fired = new Map((loaded.coverage?.rules ?? []).map((r) => [r.rule, r]));
  return (
    <div class="rule-set-detail">
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t.rulesTitle(id, version)}</h2>
        {loaded.file?.description ? <p class="hint">{loaded.file.description}</p> : null}
        {loaded.file?.conditions && Object.keys(loaded.file.conditions).length > 0 ? (
          <div class="card">
            <p class="label">{t.namedConditionsTitle}</p>
            <ul class="named-conditions">
              {Object.entries(loaded.file.conditions).map(([name, node]) => (
                <li key={name}><code>{name}</code>: <ConditionTree node={node} /></li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="rule-list">
          {(loaded.file?.rules ?? []).map((rule) => (
            <RuleCard key={rule.name} rule={rule} firedInCases={fired.get(rule.name)?.firedInCases} firedInDecisions={fired.get(rule.name)?.firedInDecisions} />
          ))}
        </div>
      </section>
      {loaded.cases ? <CaseResults cases={loaded.cases} /> : null}
      {loaded.coverage ? <RuleCoverageTable coverage={loaded.coverage} /> : null}
    </div>
  );
}
