import { useMessages } from '../i18n/language';

/** What a role sees on a page it may not open (the API refuses it as well). */
export function NotAllowed({ role }: { role: string }) {
  const t = useMessages();
  return (
    <section class="not-allowed" role="alert">
      <h1>{t.common.notAllowedTitle}</h1>
      <p>{t.common.notAllowed(t.common.roles[role] ?? role)}</p>
    </section>
  );
}
