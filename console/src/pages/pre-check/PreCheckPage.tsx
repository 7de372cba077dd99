import { useMessages } from '../../i18n/language';

/** Placeholder: the policy helper replaces this page. */
export function PreCheckPage() {
  const t = useMessages();
  return (
    <section>
      <h1>{t.preCheck.title}</h1>
      <p>{t.preCheck.comingSoon}</p>
    </section>
  );
}
