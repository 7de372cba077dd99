import { useMessages } from '../../i18n/language';

export function ClaimPage({ claimNumber }: { claimNumber: string }) {
  const t = useMessages();
  return (
    <section>
      <h1>{t.claim.title} {claimNumber}</h1>
    </section>
  );
}
