import { useMessages } from '../../i18n/language';

export function SearchPage() {
  const t = useMessages();
  return (
    <section>
      <h1>{t.search.title}</h1>
    </section>
  );
}
