import type { Claim, Job, PartLine } from '../claims/claim-schema.js';
import type { LoadedPolicy } from '../rules/rule-book.js';
import type { Adjustment, DecisionLine, Message } from '../adjudication/decision.js';
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

function settle(line: Omit<DecisionLine, 'status' | 'approvedFen'> & { approvedFen: number }, pended = false): DecisionLine {
  if (pended) return { ...line, status: 'pended', proposedFen: line.approvedFen, approvedFen: 0 };
  return { ...line, status: line.adjustments.length > 0 ? 'adjusted' : 'approved' };
}

/** What a job claims for parts, causal and consequential, price × quantity, in fen. */
export function partsClaimedFen(job: Pick<Job, 'causalPart' | 'consequentialParts'>): number {
  return [job.causalPart, ...job.consequentialParts].reduce((sum, p) => sum + p.unitPriceFen * p.quantity, 0);
}

/** Whether a part was already claimed on the unit for an overlapping repair (SPEC §7: DC). */
export type IsDuplicate = (partNumber: string) => boolean;

function partLine(job: Job, part: PartLine, role: 'causal' | 'consequential', index: number, policy: LoadedPolicy, explain: Explain, isDuplicate: IsDuplicate): DecisionLine {
  const lineId = role === 'causal' ? `${job.jobId}/causal` : `${job.jobId}/consequential/${index + 1}`;
  const claimedFen = part.unitPriceFen * part.quantity;
  const entry = policy.partsByNumber.get(part.partNumber);
  const base = { lineId, kind: 'part' as const, role, partNumber: part.partNumber, component: entry?.component ?? null, quantity: part.quantity, claimedFen };
  // A duplicate causal part denies the whole job (a rule); a duplicate consequential part only its own line.
  if (role === 'consequential' && isDuplicate(part.partNumber)) return { ...base, status: 'denied', approvedFen: 0, adjustments: [] };
  if (!entry) return settle({ ...base, approvedFen: 0, adjustments: [] }, true);
  const approvedFen = Math.min(part.unitPriceFen, entry.priceFen) * part.quantity;
  const adjustments = approvedFen < claimedFen ? [adjustment('EPC', claimedFen - approvedFen, RULE.parts, explain)] : [];
  let pended = false;
  if (role === 'consequential') {
    const allowed = policy.file.consequentialParts[job.component] ?? [];
    pended = !allowed.includes(entry.component);
  }
  return settle({ ...base, approvedFen, adjustments }, pended);
}

/** The policy's labour rate for a station (its tier's, else the default tier's). */
export function stationRateFen(policy: LoadedPolicy, stationId: string): number | null {
  const { labour } = policy.file;
  const tier = labour.stations[stationId]?.tier ?? labour.defaultTier;
  return labour.ratesFen[tier] ?? null;
}

function labourLine(claim: Claim, job: Job, index: number, policy: LoadedPolicy, explain: Explain): DecisionLine {
  const labour = job.labour[index]!;
  const claimedFen = labourFen(labour.hours, labour.rateFen);
  const base = { lineId: `${job.jobId}/labour/${index + 1}`, kind: 'labour' as const, operationCode: labour.operationCode, claimedHours: labour.hours, claimedFen };
  const operation = policy.file.labour.operations[labour.operationCode];
  const stationRate = stationRateFen(policy, claim.stationId);
  if (!operation || stationRate === null) return settle({ ...base, approvedFen: 0, adjustments: [] }, true);
  const hours = Math.min(labour.hours, operation.hours);
  const rate = Math.min(labour.rateFen, stationRate);
  const afterHours = labourFen(hours, labour.rateFen);
  const approvedFen = labourFen(hours, rate);
  const adjustments: Adjustment[] = [];
  if (afterHours < claimedFen) adjustments.push(adjustment('ELH', claimedFen - afterHours, RULE.labourHours, explain));
  if (approvedFen < afterHours) adjustments.push(adjustment('ELR', afterHours - approvedFen, RULE.labourRate, explain));
  return settle({ ...base, approvedHours: hours, approvedFen, adjustments });
}

function auxiliaryLine(job: Job, approvedPartsFen: number, policy: LoadedPolicy, explain: Explain): DecisionLine {
  const cap = percentOf(approvedPartsFen, policy.file.auxiliaryMaxPctOfParts);
  const approvedFen = Math.min(job.auxiliaryFen, cap);
  const adjustments = approvedFen < job.auxiliaryFen ? [adjustment('WA-AUX-CAP', job.auxiliaryFen - approvedFen, RULE.auxiliary, explain)] : [];
  return settle({ lineId: `${job.jobId}/auxiliary`, kind: 'auxiliary', claimedFen: job.auxiliaryFen, approvedFen, adjustments });
}

function travelLine(job: Job, policy: LoadedPolicy, explain: Explain): DecisionLine {
  const travel = job.travel!;
  const bands = [...policy.file.travelBands].sort((a, b) => a.maxKm - b.maxKm);
  const band = bands.find((b) => travel.km <= b.maxKm);
  const base = { lineId: `${job.jobId}/travel`, kind: 'travel' as const, claimedFen: travel.amountFen };
  if (!band) return settle({ ...base, approvedFen: 0, adjustments: [] }, true);
  const approvedFen = Math.min(travel.amountFen, band.amountFen);
  const adjustments = approvedFen < travel.amountFen ? [adjustment('WA-TRAVEL', travel.amountFen - approvedFen, RULE.travel, explain)] : [];
  return settle({ ...base, approvedFen, adjustments });
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
  const parts = [
    partLine(job, job.causalPart, 'causal', 0, policy, explain, isDuplicate),
    ...job.consequentialParts.map((p, i) => partLine(job, p, 'consequential', i, policy, explain, isDuplicate)),
  ];
  const approvedParts = parts.filter((l) => l.status !== 'pended').reduce((sum, l) => sum + l.approvedFen, 0);
  const lines = [...parts, ...job.labour.map((_, i) => labourLine(claim, job, i, policy, explain))];
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
