export const ROLES = ['admin', 'auditor', 'dealer', 'policy-owner'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the API key's role and, for a dealer, its station. */
export interface Principal {
  keyId: number;
  role: Role;
  stationId: string | null;
  label: string | null;
}

export function describe(principal: Principal): string {
  return `key:${principal.keyId}:${principal.role}${principal.stationId ? `:${principal.stationId}` : ''}`;
}
