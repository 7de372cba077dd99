import { useMessages } from '../../i18n/language';

/** Claims per (status as decided → status under the draft). Keys come as "before -> after". */
export function TransitionMatrix({ transitions }: { transitions: Record<string, number> }) {
  const messages = useMessages();
  const t = messages.backtests;
  const status = (s: string) => messages.common.statuses[s] ?? s;
  const pairs = Object.entries(transitions).map(([key, n]) => {
    const [before = '', after = ''] = key.split(' -> ');
    return { before, after, n };
  });
  const befores = [...new Set(pairs.map((p) => p.before))].sort();
  const afters = [...new Set(pairs.map((p) => p.after))].sort();
  const count = (b: string, a: string) => pairs.find((p) => p.before === b && p.after === a)?.n ?? 0;
  return (
    <section data-testid="transition-matrix">
      <h3>{t.matrixTitle}</h3>
      <table class="matrix">
        <caption>{t.matrixCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.before} \ {t.after}</th>
            {afters.map((a) => <th key={a} scope="col" class="num">{status(a)}</th>)}
          </tr>
        </thead>
        <tbody>
          {befores.map((b) => (
            <tr key={b}>
              <th scope="row">{status(b)}</th>
              {afters.map((a) => (
                <td key={a} class={`num${count(b, a) > 0 ? ' filled' : ''}`} data-cell={`${b}->${a}`}>{count(b, a) || ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
