// Placeholder: the policy helper replaces this file with the page's messages.
const zh = { title: '规则集', comingSoon: '此页面正在建设中。' };

export const rules: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Rule sets', comingSoon: 'This page is being built.' },
};
