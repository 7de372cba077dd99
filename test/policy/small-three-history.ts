import { DateTime } from 'luxon';
import { generateClaims, type GeneratedClaim } from '../../bench/claim-generator.js';
import type { Decision } from '../../src/adjudication/decision.js';
import { decisionOfRow } from '../../src/adjudication/decision-codec.js';
import type { Principal } from '../../src/auth/principal.js';
import { ClaimService } from '../../src/claims/claim-service.js';
import type { Db } from '../../src/db/db.js';
import type { RuleBook } from '../../src/rules/rule-book.js';
import { UnitStore } from '../../src/units/unit-store.js';
import { PreAuthorisationStore } from '../../src/preauthorisations/preauthorisation-store.js';

/**
 * A small stored history for the small-three-electric 36 → 48 months draft: generated NEV claims
 * failing 30 to 54 months after sale on a small-three component (both sides of both lines) and a
 * few others, decided and stored the way the service does it, each on its own "today".
 */

const SMALL_THREE = new Set(['electric-steering', 'electric-air-compressor', 'dc-charging-unit']);
const ZONE = 'Asia/Shanghai';
const AUDITOR: Principal = { keyId: 1, role: 'auditor', stationId: null, label: null };
const monthsAfter = (from: string, to: string) => DateTime.fromISO(to, { zone: ZONE }).diff(DateTime.fromISO(from, { zone: ZONE }), 'months').months;

export function pickSmallThreeClaims(nearTerm: number, others: number): GeneratedClaim[] {
  const all = generateClaims({ count: 4000, seed: 2026 });
  const near = (g: GeneratedClaim) => g.claim.jobs.some((j) => SMALL_THREE.has(j.component)) && monthsAfter(g.unit.saleDate, g.claim.failureDate) >= 30 && monthsAfter(g.unit.saleDate, g.claim.failureDate) < 54;
  return [...all.filter(near).slice(0, nearTerm), ...all.filter((g) => !near(g)).slice(0, others)];
}

export async function storeHistory(db: Db, ruleBook: RuleBook, claims: readonly GeneratedClaim[]): Promise<void> {
  const units = new UnitStore(db);
  const seen = new Set<string>();
  for (const { unit } of claims) {
    if (seen.has(unit.unitId)) continue;
    seen.add(unit.unitId);
    await units.insert(unit);
  }
  const issued = new PreAuthorisationStore(db);
  for (const { preAuthorisations } of claims) for (const p of preAuthorisations) await issued.issue(p, new Date(p.issuedAt));
  let now = new Date();
  const service = new ClaimService({ db, ruleBook: () => ruleBook, clock: () => now });
  const inOrder = [...claims].sort((a, b) => (a.today < b.today ? -1 : a.today > b.today ? 1 : 0));
  for (const { claim, today } of inOrder) {
    now = new Date(`${today}T04:00:00Z`); // noon in Shanghai
    const body = { ...claim, receivedDate: claim.receivedDate ?? today };
    await service.submit(body, body, AUDITOR);
  }
}

/** The claims (station/number) the 48-month draft should change: a small-three job denied EW that fails before sale + 48 months. */
export async function expectedChanges(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ station_id: string; claim_number: string; failure_date: string; sale_date: string | null; decision: Omit<Decision, 'trace'> | string }>(
    `SELECT c.station_id, c.claim_number, c.failure_date, u.sale_date, d.decision - 'trace' AS decision
       FROM claims c
       LEFT JOIN units u ON u.unit_id = c.unit_id
       JOIN LATERAL (SELECT decision FROM decisions WHERE claim_id = c.id ORDER BY version DESC LIMIT 1) d ON true`,
  );
  return rows
    .filter((r) => {
      const decision = decisionOfRow(r.decision);
      const endOf48 = r.sale_date ? DateTime.fromISO(r.sale_date, { zone: ZONE }).plus({ months: 48 }).toISODate()! : '';
      return decision.jobs.some((j) => SMALL_THREE.has(j.component) && j.reasons.some((x) => x.code === 'EW') && r.failure_date < endOf48);
    })
    .map((r) => `${r.station_id}/${r.claim_number}`)
    .sort();
}
