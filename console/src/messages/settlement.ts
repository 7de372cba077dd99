const zh = { title: '结算' };

export const settlement: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Settlement' },
};
