const zh = {
  title: '登录',
  keyLabel: 'API 密钥 / API key',
  keyHint: '密钥只用于换取会话，不会保存在浏览器中。',
  submit: '登录',
  wrongKey: 'API 密钥无效、已吊销或已过期。',
  busy: '正在登录…',
};

export const signIn: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: {
    title: 'Sign in',
    keyLabel: 'API 密钥 / API key',
    keyHint: 'The key is exchanged for a session and never stored in the browser.',
    submit: 'Sign in',
    wrongKey: 'The API key is unknown, revoked or expired.',
    busy: 'Signing in…',
  },
};
