// Placeholder: the policy helper replaces this file with the page's messages.
const zh = { title: '保修预检', comingSoon: '此页面正在建设中。' };

export const preCheck: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Pre-check', comingSoon: 'This page is being built.' },
};
