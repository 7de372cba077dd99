import { useMessages } from '../../i18n/language';

export function ReviewsPage() {
  const t = useMessages();
  return (
    <section>
      <h1>{t.reviews.title}</h1>
    </section>
  );
}
