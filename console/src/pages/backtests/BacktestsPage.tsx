import { useMessages } from '../../i18n/language';

/** Placeholder: the policy helper replaces this page. */
export function BacktestsPage() {
  const t = useMessages();
  return (
    <section>
      <h1>{t.backtests.title}</h1>
      <p>{t.backtests.comingSoon}</p>
    </section>
  );
}
