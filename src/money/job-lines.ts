import type { Claim, Job, PartLine } from '../claims/claim-schema.js';
import type { LoadedPolicy } from '../rules/rule-book.js';
import type { Adjustment, DecisionLine, Message } from '../adjudication/decision.js';
import type { PolicyFile } from '../policies/policy-schema.js';
import { labourFen, percentOf } from './fen.js';

export type Explain = (code: string) => Message;

const RULE = {
  parts: 'policy.parts.catalogue-price',
  consequential: 'policy.parts.consequential',
  labourHours: 'policy.labour.standard-hours',
  labourRate: 'policy.labour.station-rate',
  labourOp: 'policy.labour.operations',
  auxiliary: 'policy.auxiliary.cap',
  travel: 'policy.travel.bands',
} as const;

function adjustment(code: string, amountFen: number, rule: string, explain: Explain): Adjustment {
  return { code, amountFen, rule, message: explain(code) };
}

/** A priced line's status: pended (what it would pay kept as proposed), else adjusted or approved. */
function statusOf(adjustments: readonly Adjustment[], pended: boolean): DecisionLine['status'] {
  return pended ? 'pended' : adjustments.length > 0 ? 'adjusted' : 'approved';
}

/** What a job claims for parts, causal and consequential, price × quantity, in fen. */
export function partsClaimedFen(job: Pick<Job, 'causalPart' | 'consequentialParts'>): number {
  let sum = job.causalPart.unitPriceFen * job.causalPart.quantity;
  for (const p of job.consequentialParts) sum += p.unitPriceFen * p.quantity;
  return sum;
}

/** Whether a part was already claimed on the unit for an overlapping repair (SPEC §7: DC). */
export type IsDuplicate = (partNumber: string) => boolean;

/** A line the policy cannot price (unknown part, operation or distance): pended, nothing proposed. */
function unpriced<T extends object>(line: T): T & Pick<DecisionLine, 'approvedFen' | 'adjustments' | 'status' | 'proposedFen'> {
  return { ...line, approvedFen: 0, adjustments: [], status: 'pended', proposedFen: 0 };
}

// The common lines are written out as whole literals (no spread of a base): each is then one object
// with its fields in place, and pricing is a tenth of the core's time. Field order is the stored order.
function partLine(job: Job, part: PartLine, role: 'causal' | 'consequential', index: number, policy: LoadedPolicy, explain: Explain, isDuplicate: IsDuplicate): DecisionLine {
  const lineId = role === 'causal' ? `${job.jobId}/causal` : `${job.jobId}/consequential/${index + 1}`;
  const { partNumber, quantity } = part;
  const claimedFen = part.unitPriceFen * quantity;
  const entry = policy.partsByNumber.get(partNumber);
  const component = entry?.component ?? null;
  // A duplicate causal part denies the whole job (a rule); a duplicate consequential part only its own line.
  if (role === 'consequential' && isDuplicate(partNumber)) return { lineId, kind: 'part', role, partNumber, component, quantity, claimedFen, status: 'denied', approvedFen: 0, adjustments: [] };
  if (!entry) return unpriced({ lineId, kind: 'part' as const, role, partNumber, component, quantity, claimedFen });
  const approvedFen = Math.min(part.unitPriceFen, entry.priceFen) * quantity;
  const adjustments = approvedFen < claimedFen ? [adjustment('EPC', claimedFen - approvedFen, RULE.parts, explain)] : [];
  const pended = role === 'consequential' && !(policy.file.consequentialParts[job.component] ?? []).includes(entry.component);
  const line: DecisionLine = { lineId, kind: 'part', role, partNumber, component, quantity, claimedFen, approvedFen: pended ? 0 : approvedFen, adjustments, status: statusOf(adjustments, pended) };
  if (pended) line.proposedFen = approvedFen;
  return line;
}

/** The policy's labour rate for a station (its tier's, else the default tier's). */
export function stationRateFen(policy: LoadedPolicy, stationId: string): number | null {
  const { labour } = policy.file;
  const tier = labour.stations[stationId]?.tier ?? labour.defaultTier;
  return labour.ratesFen[tier] ?? null;
}

function labourLine(job: Job, index: number, stationRate: number | null, policy: LoadedPolicy, explain: Explain): DecisionLine {
  const labour = job.labour[index]!;
  const claimedFen = labourFen(labour.hours, labour.rateFen);
  const lineId = `${job.jobId}/labour/${index + 1}`;
  const { operationCode } = labour;
  const operation = policy.file.labour.operations[operationCode];
  if (!operation || stationRate === null) return unpriced({ lineId, kind: 'labour' as const, operationCode, claimedHours: labour.hours, claimedFen });
  const hours = Math.min(labour.hours, operation.hours);
  const rate = Math.min(labour.rateFen, stationRate);
  const afterHours = labourFen(hours, labour.rateFen);
  const approvedFen = labourFen(hours, rate);
  const adjustments: Adjustment[] = [];
  if (afterHours < claimedFen) adjustments.push(adjustment('ELH', claimedFen - afterHours, RULE.labourHours, explain));
  if (approvedFen < afterHours) adjustments.push(adjustment('ELR', afterHours - approvedFen, RULE.labourRate, explain));
  return { lineId, kind: 'labour', operationCode, claimedHours: labour.hours, claimedFen, approvedHours: hours, approvedFen, adjustments, status: statusOf(adjustments, false) };
}

function auxiliaryLine(job: Job, approvedPartsFen: number, policy: LoadedPolicy, explain: Explain): DecisionLine {
  const cap = percentOf(approvedPartsFen, policy.file.auxiliaryMaxPctOfParts);
  const approvedFen = Math.min(job.auxiliaryFen, cap);
  const adjustments = approvedFen < job.auxiliaryFen ? [adjustment('WA-AUX-CAP', job.auxiliaryFen - approvedFen, RULE.auxiliary, explain)] : [];
  return { lineId: `${job.jobId}/auxiliary`, kind: 'auxiliary', claimedFen: job.auxiliaryFen, approvedFen, adjustments, status: statusOf(adjustments, false) };
}

function travelLine(job: Job, policy: LoadedPolicy, explain: Explain): DecisionLine {
  const travel = job.travel!;
  const lineId = `${job.jobId}/travel`;
  // The nearest band that reaches the distance.
  let band: PolicyFile['travelBands'][number] | undefined;
  for (const b of policy.file.travelBands) if (travel.km <= b.maxKm && (band === undefined || b.maxKm < band.maxKm)) band = b;
  if (!band) return unpriced({ lineId, kind: 'travel' as const, claimedFen: travel.amountFen });
  const approvedFen = Math.min(travel.amountFen, band.amountFen);
  const adjustments = approvedFen < travel.amountFen ? [adjustment('WA-TRAVEL', travel.amountFen - approvedFen, RULE.travel, explain)] : [];
  return { lineId, kind: 'travel', claimedFen: travel.amountFen, approvedFen, adjustments, status: statusOf(adjustments, false) };
}

/** Why a pended line is pended, for the reasons list. */
export function pendCode(line: DecisionLine): { code: string; rule: string } {
  if (line.kind === 'labour') return { code: 'WA-UNKNOWN-OP', rule: RULE.labourOp };
  if (line.kind === 'travel') return { code: 'WA-TRAVEL-BEYOND', rule: RULE.travel };
  if (line.component === null) return { code: 'WA-UNKNOWN-PART', rule: RULE.parts };
  return { code: 'WC', rule: RULE.consequential };
}

/** Every money line of a job as if covered: SPEC §6 (EPC, ELH, ELR, auxiliary cap, travel bands). */
export function priceJob(claim: Claim, job: Job, policy: LoadedPolicy, explain: Explain, isDuplicate: IsDuplicate = () => false): DecisionLine[] {
  const lines = [partLine(job, job.causalPart, 'causal', 0, policy, explain, isDuplicate)];
  for (let i = 0; i < job.consequentialParts.length; i++) lines.push(partLine(job, job.consequentialParts[i]!, 'consequential', i, policy, explain, isDuplicate));
  let approvedParts = 0;
  for (const l of lines) if (l.status !== 'pended') approvedParts += l.approvedFen;
  const stationRate = job.labour.length > 0 ? stationRateFen(policy, claim.stationId) : null;
  for (let i = 0; i < job.labour.length; i++) lines.push(labourLine(job, i, stationRate, policy, explain));
  if (job.auxiliaryFen > 0) lines.push(auxiliaryLine(job, approvedParts, policy, explain));
  if (job.travel && job.travel.amountFen > 0) lines.push(travelLine(job, policy, explain));
  return lines;
}

/** The most a station may charge the customer for a part line it was not paid for: catalogue + markup. */
export function customerPayMaxFen(line: DecisionLine, policy: LoadedPolicy): number | undefined {
  if (line.kind !== 'part' || !line.partNumber) return undefined;
  const entry = policy.partsByNumber.get(line.partNumber);
  if (!entry) return undefined;
  return percentOf(entry.priceFen * (line.quantity ?? 1), 100 + policy.file.customerPayMarkupPct);
}
