import { useMessages } from '../../i18n/language';
import type { Schemas } from '../../api/client';

export type StoredVersion = Schemas['RuleSetVersions']['items'][number];

/** Every rule set and policy version ever loaded: effective window, hash, whether in force. */
export function RuleSetVersions({ versions, selected, onSelect }: { versions: StoredVersion[]; selected: string | null; onSelect: (v: StoredVersion) => void }) {
  const t = useMessages().rules;
  return (
    <table class="versions">
      <caption>{t.versionsCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.kind}</th>
          <th scope="col">{t.id}</th>
          <th scope="col">{t.version}</th>
          <th scope="col">{t.productLine}</th>
          <th scope="col">{t.effective}</th>
          <th scope="col">{t.hash}</th>
          <th scope="col">{t.inForce}</th>
          <th scope="col"><span class="visually-hidden">{t.show}</span></th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.hash} class={selected === v.hash ? 'selected' : undefined}>
            <td>{t.kinds[v.kind] ?? v.kind}</td>
            <td><code>{v.id}</code></td>
            <td>{v.version}</td>
            <td>{v.productLine}</td>
            <td>{t.effectiveWindow(v.effective.from, v.effective.to)}</td>
            <td><code class="hash" title={v.hash}>{v.hash.replace(/^sha256:/, '').slice(0, 12)}…</code></td>
            <td>{v.loaded ? t.yes : t.no}</td>
            <td>
              {v.kind === 'rule-set' ? (
                <button type="button" class="secondary" onClick={() => onSelect(v)} aria-label={t.showRuleSet(v.id, v.version)}>{t.show}</button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
