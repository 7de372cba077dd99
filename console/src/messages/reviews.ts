const zh = { title: '待审队列' };

export const reviews: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Review queue' },
};
