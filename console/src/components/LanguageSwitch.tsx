import { useLanguage, useMessages } from '../i18n/language';

/** 中文 / English: two buttons, the chosen one pressed. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useMessages();
  return (
    <div class="language-switch" role="group" aria-label={t.common.language}>
      <button type="button" lang="zh-CN" aria-pressed={language === 'zh'} onClick={() => setLanguage('zh')}>中文</button>
      <button type="button" lang="en" aria-pressed={language === 'en'} onClick={() => setLanguage('en')}>English</button>
    </div>
  );
}
