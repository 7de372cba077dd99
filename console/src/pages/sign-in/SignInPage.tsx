import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/language';
import { useSession } from '../../session/session';

/** The API key in, a session cookie out; the key lives only in this form's state until sent. */
export function SignInPage() {
  const t = useMessages();
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    const ok = await signIn(key.trim()).catch(() => false);
    setBusy(false);
    setKey('');
    if (!ok) setFailed(true);
  };
  return (
    <main class="sign-in">
      <h1>{t.signIn.title}</h1>
      <form onSubmit={submit}>
        <label for="api-key">{t.signIn.keyLabel}</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" required value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} aria-describedby="api-key-hint" />
        <p id="api-key-hint" class="hint">{t.signIn.keyHint}</p>
        {failed && <p class="error" role="alert">{t.signIn.wrongKey}</p>}
        <button type="submit" disabled={busy}>{busy ? t.signIn.busy : t.signIn.submit}</button>
      </form>
    </main>
  );
}
