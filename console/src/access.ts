/** Which role may open which page; the API refuses the same roles anyway. */
export type Role = 'admin' | 'auditor' | 'dealer' | 'policy-owner';
export type PageName = 'reviews' | 'search' | 'settlement' | 'claim' | 'rules' | 'backtests' | 'campaigns' | 'pre-check' | 'returns' | 'old-parts' | 'service-levels';

const PAGE_ROLES: Record<PageName, readonly Role[]> = {
  reviews: ['auditor'],
  search: ['auditor'],
  settlement: ['auditor'],
  claim: ['auditor'],
  rules: ['policy-owner'],
  backtests: ['policy-owner'],
  campaigns: ['policy-owner', 'auditor'],
  'pre-check': ['dealer'],
  returns: ['auditor'],
  /** The API lets a dealer read its own ledger but only an auditor records a step. */
  'old-parts': ['auditor'],
  /** The API lets a dealer read its own station's report; the page is the auditor's view of any station. */
  'service-levels': ['auditor'],
};

/** The navigation, in order; the claim page is reached from a claim number. */
export const NAV_PAGES: readonly Exclude<PageName, 'claim'>[] = ['reviews', 'search', 'settlement', 'old-parts', 'service-levels', 'returns', 'campaigns', 'rules', 'backtests', 'pre-check'];

export function mayOpen(role: Role, page: PageName): boolean {
  return role === 'admin' || PAGE_ROLES[page].includes(role);
}

export function homeOf(role: Role): string {
  return `/${NAV_PAGES.find((p) => mayOpen(role, p)) ?? 'reviews'}`;
}
