import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { catalogue, type Language, type Messages } from '../messages';

const STORAGE = 'console.language';

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState>({ language: 'zh', setLanguage: () => {} });

function remembered(): Language {
  try {
    return window.localStorage.getItem(STORAGE) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Chinese by default; the choice (only the language, never a key) is remembered in localStorage. */
export function LanguageProvider({ children }: { children: ComponentChildren }) {
  const [language, set] = useState<Language>(remembered);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  const setLanguage = (next: Language) => {
    try {
      window.localStorage.setItem(STORAGE, next);
    } catch {
      /* private mode: the choice lasts for the page */
    }
    set(next);
  };
  return <LanguageContext.Provider value={{ language, setLanguage }}>{children}</LanguageContext.Provider>;
}

export const useLanguage = () => useContext(LanguageContext);

/** The messages of the chosen language. */
export function useMessages(): Messages {
  return catalogue[useContext(LanguageContext).language];
}

/** A `{ en, zh }` message from the API (reason codes, adjustments) in the chosen language. */
export function useApiText(): (message: { en: string; zh: string } | undefined) => string {
  const { language } = useContext(LanguageContext);
  return (message) => (message ? message[language] : '');
}
