import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, type Schemas } from '../api/client';

export type Session = Schemas['ConsoleSession'];

interface SessionState {
  /** undefined while asking the server, null when signed out. */
  session: Session | null | undefined;
  signIn: (key: string) => Promise<boolean>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState>({ session: undefined, signIn: async () => false, signOut: async () => {} });

/** The server-side session: the key is sent once to open it and then forgotten; the cookie is HttpOnly. */
export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const adopt = (next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  };
  useEffect(() => {
    api.GET('/v1/console/sessions/current').then(({ data }) => adopt(data ?? null), () => adopt(null));
  }, []);
  const signIn = async (key: string) => {
    const { data } = await api.POST('/v1/console/sessions', { body: { key } });
    adopt(data ?? null);
    return data !== undefined;
  };
  const signOut = async () => {
    await api.DELETE('/v1/console/sessions/current');
    adopt(null);
  };
  return <SessionContext.Provider value={{ session, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
