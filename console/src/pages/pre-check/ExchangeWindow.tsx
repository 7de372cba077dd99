import { useMessages } from '../../i18n/language';

/** The e-bike's exchange-or-refund window after sale, open or closed on the date asked. */
export function ExchangeWindow({ days, lastDay, open }: { days: number; lastDay: string; open: boolean }) {
  const t = useMessages().preCheck;
  return (
    <section class={`card exchange-window ${open ? 'is-open' : 'is-closed'}`} data-testid="exchange-window" aria-labelledby="exchange-title">
      <h2 id="exchange-title">{t.exchangeTitle}</h2>
      <p>{open ? t.exchangeOpen(days, lastDay) : t.exchangeClosed(days, lastDay)}</p>
    </section>
  );
}
