import { useMessages } from '../../i18n/language';

/** Placeholder: the policy helper replaces this page. */
export function RulesPage() {
  const t = useMessages();
  return (
    <section>
      <h1>{t.rules.title}</h1>
      <p>{t.rules.comingSoon}</p>
    </section>
  );
}
