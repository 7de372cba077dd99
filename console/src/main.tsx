import { render } from 'preact';
import { App } from './App';
import { LanguageProvider } from './i18n/language';
import { SessionProvider } from './session/session';
import './styles.css';

render(
  <LanguageProvider>
    <SessionProvider>
      <App />
    </SessionProvider>
  </LanguageProvider>,
  document.getElementById('app')!,
);
