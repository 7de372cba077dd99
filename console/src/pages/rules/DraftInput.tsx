import { useMessages } from '../../i18n/language';

export interface Draft {
  path: string;
  text: string;
}

/** A draft rule or policy file: its path in the rule book and its text, pasted or uploaded. */
export function DraftInput({ draft, onChange, idPrefix }: { draft: Draft; onChange: (draft: Draft) => void; idPrefix: string }) {
  const t = useMessages().rules;
  const upload = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) onChange({ ...draft, text: await file.text() });
  };
  return (
    <div class="draft-input">
      <label for={`${idPrefix}-path`}>{t.draftPath}</label>
      <input id={`${idPrefix}-path`} type="text" value={draft.path} spellcheck={false} onInput={(e) => onChange({ ...draft, path: e.currentTarget.value })} />
      <label for={`${idPrefix}-upload`}>{t.draftUpload}</label>
      <input id={`${idPrefix}-upload`} type="file" accept=".json,application/json" onChange={upload} />
      <label for={`${idPrefix}-text`}>{t.draftText}</label>
      <textarea id={`${idPrefix}-text`} rows={14} spellcheck={false} value={draft.text} onInput={(e) => onChange({ ...draft, text: e.currentTarget.value })} />
    </div>
  );
}

/** The path a version's file has in the rule book, as the house names them: rules/<line>/<version>.json. */
export function pathOf(v: { kind: string; productLine: string; version: string }): string {
  return `${v.kind === 'policy' ? 'policies' : 'rules'}/${v.productLine}/${v.version}.json`;
}
