const zh = { title: '理赔单' };

export const claim: { zh: typeof zh; en: typeof zh } = {
  zh,
  en: { title: 'Claim' },
};
