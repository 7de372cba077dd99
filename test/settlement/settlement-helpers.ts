import { expect } from 'vitest';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import type { TestApp } from '../support/test-app.js';

/** What the settlement tests read back: statements, recovery notices and claim decisions, through the API. */

type Auth = { Authorization: string };

export interface StatementLine {
  bookedOn: string;
  claimNumber: string;
  decisionVersion: number;
  unitId: string | null;
  lineId: string;
  kind: string;
  partNumber: string | null;
  operationCode: string | null;
  liableParty: { type: string; id?: string };
  claimedFen: number;
  approvedFen: number;
  deductedFen: number;
  paidFen: number;
  deductions: Array<{ code: string; amountFen: number }>;
}

export interface Statement {
  stationId: string;
  month: string;
  lines: StatementLine[];
  totals: { lines: number; claimedFen: number; deductedFen: number; paidFen: number };
}

export interface RecoveryLine {
  bookedOn: string;
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  decisionVersion: number;
  lineId: string;
  kind: string;
  causalPartNumber: string | null;
  partNumber: string | null;
  oldPart: string;
  amountFen: number;
}

export interface Recoveries {
  notices: Array<{ party: { type: string; id?: string }; lines: RecoveryLine[]; totalFen: number }>;
  totalFen: number;
}

export async function statementOf(t: TestApp, stationId: string, month: string, auth: Auth = t.auth.auditor): Promise<Statement> {
  const res = await request(t.app).get(`/v1/statements/stations/${stationId}`).query({ month }).set(auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Statement;
}

export async function recoveriesOf(t: TestApp, from: string, to: string, party?: string): Promise<Recoveries> {
  const res = await request(t.app).get('/v1/recoveries').query({ from, to, ...(party ? { party } : {}) }).set(t.auth.auditor);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Recoveries;
}

/** The statement lines of one claim. */
export function linesOfClaim<L extends { claimNumber: string }>(lines: readonly L[], claimNumber: string): L[] {
  return lines.filter((l) => l.claimNumber === claimNumber);
}

/** What one station's statements pay for a claim over several months. */
export async function paidForClaim(t: TestApp, stationId: string, months: readonly string[], claimNumber: string): Promise<number> {
  let paid = 0;
  for (const month of months) {
    paid += linesOfClaim((await statementOf(t, stationId, month)).lines, claimNumber).reduce((s, l) => s + l.paidFen, 0);
  }
  return paid;
}

/** The recovery lines of one claim in a period, per party (`type:id`). */
export async function recoveredForClaim(t: TestApp, from: string, to: string, claimNumber: string): Promise<Map<string, number>> {
  const byParty = new Map<string, number>();
  for (const notice of (await recoveriesOf(t, from, to)).notices) {
    const key = `${notice.party.type}:${notice.party.id ?? ''}`;
    for (const line of linesOfClaim(notice.lines, claimNumber)) byParty.set(key, (byParty.get(key) ?? 0) + line.amountFen);
  }
  return byParty;
}

/** A CSV export as records keyed by its header. */
export function parseCsv(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

export function readClaim(t: TestApp, claimNumber: string, auth: Auth = t.auth.auditor) {
  return request(t.app).get(`/v1/claims/${encodeURIComponent(claimNumber)}`).set(auth);
}

export function partReturn(t: TestApp, claimNumber: string, body: Record<string, unknown>, auth: Auth = t.auth.auditor) {
  return request(t.app).post(`/v1/claims/${encodeURIComponent(claimNumber)}/part-returns`).set(auth).send(body);
}

export function review(t: TestApp, claimNumber: string, body: Record<string, unknown>, auth: Auth = t.auth.auditor) {
  return request(t.app).post(`/v1/claims/${encodeURIComponent(claimNumber)}/reviews`).set(auth).send(body);
}

export function appeal(t: TestApp, claimNumber: string, body: Record<string, unknown>, auth: Auth = t.auth.dealer) {
  return request(t.app).post(`/v1/claims/${encodeURIComponent(claimNumber)}/appeals`).set(auth).send(body);
}

export function correct(t: TestApp, claimNumber: string, body: unknown, auth: Auth = t.auth.auditor) {
  return request(t.app).post(`/v1/claims/${encodeURIComponent(claimNumber)}/corrections`).set(auth).send(body as object);
}

export function expireReturns(t: TestApp, body: { today?: string } = {}) {
  return request(t.app).post('/v1/settlement/expire-returns').set(t.auth.auditor).send(body);
}

export async function reviewQueue(t: TestApp): Promise<Array<{ claimNumber: string; stationId: string; status: string; decisionVersion: number; why: Array<{ jobId: string; lineId?: string; code: string }>; appeal: { reason: string; filedBy: string } | null }>> {
  const res = await request(t.app).get('/v1/reviews').set(t.auth.auditor);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

type DecidedLine = { lineId: string; status: string; approvedFen: number; hold?: string; partReturn?: { status: string } };
type DecidedJob = { jobId: string; status: string; liableParty: { type: string; id?: string }; reasons: Array<{ code: string; lineId?: string }>; lines: DecidedLine[] };

/** A line of a decision by its id. */
export function lineOf(decision: { jobs: DecidedJob[] }, lineId: string): DecidedLine {
  const line = decision.jobs.flatMap((j) => j.lines).find((l) => l.lineId === lineId);
  if (!line) throw new Error(`no line ${lineId} in ${JSON.stringify(decision.jobs.map((j) => j.lines.map((l) => l.lineId)))}`);
  return line;
}
