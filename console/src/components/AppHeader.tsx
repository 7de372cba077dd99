import { useMessages } from '../i18n/language';
import type { Session } from '../session/session';
import { LanguageSwitch } from './LanguageSwitch';

/** Product name, who is signed in, the language switch and sign-out. */
export function AppHeader({ session, onSignOut }: { session: Session | null; onSignOut: () => void }) {
  const t = useMessages();
  return (
    <header class="app-header">
      <span class="product">{t.common.product}</span>
      <span class="spacer" />
      {session && (
        <span class="who" data-testid="signed-in-role">
          {t.common.roles[session.role] ?? session.role}
          {session.stationId ? ` · ${session.stationId}` : ''}
        </span>
      )}
      <LanguageSwitch />
      {session && (
        <button type="button" class="sign-out" onClick={onSignOut}>{t.common.signOut}</button>
      )}
    </header>
  );
}
