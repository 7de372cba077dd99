const zh = { title: '查询理赔单' };

export const search: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Search claims' },
};
