// Placeholder: the policy helper replaces this file with the page's messages.
const zh = { title: '回测', comingSoon: '此页面正在建设中。' };

export const backtests: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Backtests', comingSoon: 'This page is being built.' },
};
