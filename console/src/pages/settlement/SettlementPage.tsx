import { useMessages } from '../../i18n/language';

export function SettlementPage() {
  const t = useMessages();
  return (
    <section>
      <h1>{t.settlement.title}</h1>
    </section>
  );
}
