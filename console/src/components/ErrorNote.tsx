import { useMessages } from '../i18n/language';

/** A problem the API answered, shown where it happened. */
export function ErrorNote({ text }: { text: string | null }) {
  const t = useMessages();
  if (!text) return null;
  return <p class="error" role="alert">{t.common.error}: {text}</p>;
}
