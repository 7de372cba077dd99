/**
 * The rows a stored history of generated claims consists of, as COPY text (one string per table):
 * claim i of the seed gets claim id and decision id `i + 1`, its first decision decided by the rule
 * book in force, its trace compact as the service stores it. Runs on the bench's worker threads.
 */
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import { bodyHash } from '../../src/claims/claim-service.js';
import { summaryOf } from '../../src/claims/claim-store.js';
import { storedDecision } from '../../src/claims/stored-trace.js';
import { outcomeOf } from '../../src/backtest/outcome.js';
import type { RuleBook } from '../../src/rules/rule-book.js';
import { generateClaim } from '../claim-generator.js';

/** The tables in the order they are copied, with the columns each chunk's text holds. */
export const HISTORY_TABLES = {
  units: 'units (unit_id, product_line, model, vin, upfit_serial, frame_serial, warranty_card_number, sale_date, region, dealer_id, chassis_maker)',
  preauthorisations: 'preauthorisations (number, unit_id, component, limit_fen, valid_from, valid_to, issued_by, issued_at, note)',
  claims: 'claims (id, station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, odometer_km, submitted_by)',
  decisions: 'decisions (id, claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, outcome, decided_by, note, decided_at)',
  claim_components: 'claim_components (claim_id, unit_id, component, pa_number, repair_date)',
} as const;

export type HistoryChunk = Record<keyof typeof HISTORY_TABLES, string> & { unitIds: string[] };

/** A value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}
const line = (values: unknown[]) => `${values.map(field).join('\t')}\n`;

/** Claims `start` … `start + n - 1` of the seed, decided and laid out as rows. */
export async function historyRows(book: RuleBook, seed: number, start: number, n: number): Promise<HistoryChunk> {
  const out: HistoryChunk = { units: '', preauthorisations: '', claims: '', decisions: '', claim_components: '', unitIds: [] };
  const files = new Map(book.ruleSets.map((r) => [r.hash, r.file]));
  for (let index = start; index < start + n; index += 1) {
    const g = generateClaim(seed, index);
    const id = index + 1;
    const u = g.unit;
    out.unitIds.push(u.unitId);
    out.units += line([u.unitId, u.productLine, u.model, u.vin, u.upfitSerial, u.frameSerial, u.warrantyCardNumber, u.saleDate, u.region, u.dealerId, u.chassisMaker]);
    for (const p of g.preAuthorisations) out.preauthorisations += line([p.number, p.unitId, p.component, p.amountLimitFen, p.validFrom, p.validTo, p.issuedBy, p.issuedAt, p.note]);
    const body = { ...g.claim, receivedDate: g.claim.receivedDate ?? g.today };
    const decision = await adjudicate({ claim: body, unit: u, history: [], ruleBook: book, today: g.today, preAuthorisations: g.preAuthorisations });
    const text = JSON.stringify(body);
    out.claims += line([id, body.stationId, body.claimNumber, 1, u.unitId, text, bodyHash(body), body.failureDate, body.repairDate, body.receivedDate, body.odometerKm, 'bench']);
    const stored = storedDecision(decision, decision.ruleSet ? (files.get(decision.ruleSet.hash) ?? null) : null);
    out.decisions += line([
      id, id, decision.decisionVersion, decision.status, decision.totals.approvedFen, decision.ruleSet?.id, decision.ruleSet?.version, decision.ruleSet?.hash,
      JSON.stringify(stored), JSON.stringify(summaryOf(decision)), JSON.stringify(outcomeOf(decision)), 'bench', null, `${g.today}T04:00:00.000Z`,
    ]);
    // As insertClaim does: a job's component, with its own pre-authorisation number or the claim's.
    const claimPa = (body as { preAuthorisationNumber?: string }).preAuthorisationNumber ?? null;
    for (const job of body.jobs as Array<{ component?: string; preAuthorisationNumber?: string }>) {
      if (job.component) out.claim_components += line([id, u.unitId, job.component, job.preAuthorisationNumber ?? claimPa, body.repairDate]);
    }
  }
  return out;
}
