import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { DateTime } from 'luxon';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { generateClaims, type GeneratedClaim } from '../../bench/claim-generator.js';
import { ClaimService } from '../../src/claims/claim-service.js';
import type { Decision, DecisionLine } from '../../src/adjudication/decision.js';
import { decisionOfRow } from '../../src/adjudication/decision-codec.js';
import type { Principal } from '../../src/auth/principal.js';
import { recoveriesOf, statementOf } from './settlement-helpers.js';

/**
 * Half a year of generated claims of both product lines (every claim the generator dates
 * January–June 2026), each decided on its own "today"; in July auditors record old-part returns
 * (most confirmed, some no defect found) and decide some pended claims; in August the expiry run
 * denies PNR whatever is still held. The settlement outputs must then agree with the decisions,
 * which the test reads from the `decisions` table and sums by itself: a line's final amount is its
 * approved amount when it is approved or adjusted and not held, else 0.
 */
const SEED = 20260401;
const FIRST_MONTH = '2026-01';
const LAST_SUBMISSION_DAY = '2026-06-30';
const JULY = '2026-07-10T04:00:00Z';
const AUGUST = '2026-08-15T04:00:00Z';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'];
const RECOVERED_TYPES = new Set(['supplier', 'chassis-maker', 'service-station']);

const auditor: Principal = { keyId: 0, role: 'auditor', stationId: null, label: 'reconciliation' };

let t: TestApp;
let zone: string;
let cases: GeneratedClaim[];
let stations: string[];
const done = { confirmed: 0, noDefect: 0, approvedByReview: 0, deniedByReview: 0, expired: 0 };

interface Version {
  stationId: string;
  claimNumber: string;
  repairDate: string;
  version: number;
  month: string;
  decision: Decision;
}
let versions: Version[];

const finalFen = (line: DecisionLine) => (!line.hold && (line.status === 'approved' || line.status === 'adjusted') ? line.approvedFen : 0);
const partyKey = (p: { type: string; id?: string }) => `${p.type}:${p.id ?? ''}`;
const add = (map: Map<string, number>, key: string, fen: number) => map.set(key, (map.get(key) ?? 0) + fen);

/** A version's final amounts: in all, and per liable party. */
function finals(decision: Decision): { total: number; byParty: Map<string, number> } {
  const byParty = new Map<string, number>();
  let total = 0;
  for (const job of decision.jobs) {
    for (const line of job.lines) {
      const fen = finalFen(line);
      total += fen;
      if (fen !== 0) add(byParty, partyKey(job.liableParty), fen);
    }
  }
  return { total, byParty };
}

/** Each version's change against the claim's previous version, keyed by the month it was decided. */
function changes(): Array<{ version: Version; total: number; byParty: Map<string, number> }> {
  const out: Array<{ version: Version; total: number; byParty: Map<string, number> }> = [];
  let previous: { key: string; total: number; byParty: Map<string, number> } | null = null;
  for (const v of versions) {
    const key = `${v.stationId}/${v.claimNumber}`;
    const before = previous?.key === key ? previous : { key, total: 0, byParty: new Map<string, number>() };
    const now = finals(v.decision);
    const byParty = new Map<string, number>();
    for (const party of new Set([...before.byParty.keys(), ...now.byParty.keys()])) {
      const delta = (now.byParty.get(party) ?? 0) - (before.byParty.get(party) ?? 0);
      if (delta !== 0) byParty.set(party, delta);
    }
    out.push({ version: v, total: now.total - before.total, byParty });
    previous = { key, ...now };
  }
  return out;
}

function latestVersions(): Version[] {
  const latest = new Map<string, Version>();
  for (const v of versions) latest.set(`${v.stationId}/${v.claimNumber}`, v);
  return [...latest.values()];
}

const nonZero = (map: Map<string, number>) => new Map([...map].filter(([, fen]) => fen !== 0));

async function readVersions(): Promise<Version[]> {
  const { rows } = await t.db.query<{ station_id: string; claim_number: string; repair_date: string; version: number; decided_at: Date | string; decision: Decision | string }>(
    `SELECT c.station_id, c.claim_number, c.repair_date, d.version, d.decided_at, d.decision - 'trace' AS decision
       FROM decisions d JOIN claims c ON c.id = d.claim_id
      ORDER BY c.station_id, c.claim_number, d.version`,
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    claimNumber: r.claim_number,
    repairDate: String(r.repair_date).slice(0, 10),
    version: r.version,
    month: DateTime.fromJSDate(new Date(r.decided_at)).setZone(zone).toFormat('yyyy-MM'),
    decision: decisionOfRow<Decision>(r.decision),
  }));
}

/** July: old parts come back for three held claims in four (every fourth of those without a defect); every other pended claim is decided. */
async function julyReviews(decided: Decision[]): Promise<void> {
  t.setNow(JULY);
  const today = JULY.slice(0, 10);
  const latest = new Map(decided.map((d) => [`${d.stationId}/${d.claimNumber}`, d]));
  const post = async (d: Decision, action: string, body: Record<string, unknown>) => {
    const res = await request(t.app).post(`/v1/claims/${encodeURIComponent(d.claimNumber)}/${action}`).set(t.auth.auditor).send({ stationId: d.stationId, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    latest.set(`${d.stationId}/${d.claimNumber}`, res.body as Decision);
  };
  const linesNow = (d: Decision) => latest.get(`${d.stationId}/${d.claimNumber}`)!.jobs.flatMap((j) => j.lines);

  const held = decided.filter((d) => d.jobs.some((j) => j.lines.some((l) => l.hold)));
  for (const [i, first] of held.entries()) {
    if (i % 4 === 3) continue; // never returned: the August run expires it
    for (const [k, line] of first.jobs.flatMap((j) => j.lines).filter((l) => l.hold).entries()) {
      if (!linesNow(first).find((l) => l.lineId === line.lineId)?.hold) continue; // denied with its causal part
      const inspection = i % 8 === 2 && k === 0 ? 'no-defect-found' : 'confirmed';
      const receivedDate = [line.holdDeadline!, today].sort()[0];
      await post(first, 'part-returns', { lineId: line.lineId, receivedDate, inspection, note: `inspected in July (${inspection})` });
      if (inspection === 'confirmed') done.confirmed += 1;
      else done.noDefect += 1;
    }
  }
  for (const [i, first] of decided.filter((d) => d.status === 'pended').entries()) {
    if (i % 3 === 2) continue; // still waiting for an auditor
    const lines = linesNow(first).filter((l) => l.status === 'pended');
    if (lines.length === 0) continue; // its pended line went with a causal part denied on inspection
    const approve = i % 3 === 0;
    await post(first, 'reviews', {
      note: approve ? 'approved on the evidence sent' : 'not enough evidence',
      lines: lines.map((l) => (approve ? { lineId: l.lineId, action: 'approve', amountFen: l.proposedFen ? Math.min(l.proposedFen, l.claimedFen) : l.claimedFen } : { lineId: l.lineId, action: 'deny', code: 'IIS' })),
    });
    if (approve) done.approvedByReview += lines.length;
    else done.deniedByReview += lines.length;
  }
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-01-01T04:00:00Z' });
  zone = t.ruleBook.policies[0]!.file.timeZone;
  expect(new Set(t.ruleBook.policies.map((p) => p.file.timeZone))).toEqual(new Set([zone]));
  cases = generateClaims({ count: 6000, seed: SEED, horizon: LAST_SUBMISSION_DAY })
    .filter((c) => c.today >= `${FIRST_MONTH}-01` && c.today <= LAST_SUBMISSION_DAY)
    .sort((a, b) => (a.today < b.today ? -1 : a.today > b.today ? 1 : 0));
  stations = [...new Set(cases.map((c) => c.claim.stationId))].sort();

  const ndjson = cases.map((c) => JSON.stringify(c.unit)).join('\n');
  const imported = await request(t.app).post('/v1/units/import').set(t.auth.auditor).set('Content-Type', 'application/x-ndjson').send(ndjson);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.rejected).toBe(0);

  let now = new Date('2026-01-01T04:00:00Z');
  const claims = new ClaimService({ db: t.db, ruleBook: t.rules.current, clock: () => now });
  const decided: Decision[] = [];
  for (const c of cases) {
    now = new Date(`${c.today}T04:00:00Z`);
    const result = await claims.submit(c.claim, c.claim, auditor);
    expect(result.created).toBe(true);
    decided.push(result.decision);
  }

  await julyReviews(decided);

  t.setNow(AUGUST);
  const expiry = await request(t.app).post('/v1/settlement/expire-returns').set(t.auth.auditor).send({});
  expect(expiry.status).toBe(200);
  done.expired = expiry.body.expired;

  versions = await readVersions();
}, 600_000);
afterAll(() => t.close());

describe('reconciliation of half a year of claims', () => {
  it('decides at least 1,000 claims of both product lines, with every status, held parts confirmed, NDF, reviewed and expired', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(cases.map((c) => c.unit.productLine))).toEqual(new Set(['nev-special-vehicle', 'e-bike']));
    const first = versions.filter((v) => v.version === 1);
    expect(first).toHaveLength(cases.length);
    expect(new Set(first.map((v) => v.decision.status))).toEqual(new Set(['approved', 'adjusted', 'partial', 'denied', 'pended']));
    expect(new Set(first.map((v) => v.month))).toEqual(new Set(MONTHS.slice(0, 6)));
    expect(done.confirmed).toBeGreaterThan(50);
    expect(done.noDefect).toBeGreaterThan(5);
    expect(done.approvedByReview).toBeGreaterThan(5);
    expect(done.deniedByReview).toBeGreaterThan(5);
    expect(done.expired).toBeGreaterThan(20);
  });

  it('leaves no line held after the August expiry run', () => {
    const held = latestVersions().flatMap((v) => v.decision.jobs.flatMap((j) => j.lines.filter((l) => l.hold).map((l) => `${v.claimNumber} ${l.lineId}`)));
    expect(held).toEqual([]);
  });

  it('pays, month by month and station by station, exactly the change of the final amounts decided that month', async () => {
    const expected = new Map<string, number>();
    for (const c of changes()) add(expected, `${c.version.month} ${c.version.stationId}`, c.total);
    const clawedBack = changes().filter((c) => c.total < 0);
    expect(clawedBack.length).toBeGreaterThan(0);
    for (const month of MONTHS) {
      let monthPaid = 0;
      let monthExpected = 0;
      for (const station of stations) {
        const statement = await statementOf(t, station, month);
        expect(statement.lines.reduce((s, l) => s + l.paidFen, 0)).toBe(statement.totals.paidFen);
        expect(statement.totals.paidFen, `${station} ${month}`).toBe(expected.get(`${month} ${station}`) ?? 0);
        monthPaid += statement.totals.paidFen;
        monthExpected += expected.get(`${month} ${station}`) ?? 0;
      }
      expect(monthPaid, month).toBe(monthExpected);
    }
  });

  it('pays over the whole half year the sum of every claim’s latest final amounts', async () => {
    let paid = 0;
    for (const month of MONTHS) for (const station of stations) paid += (await statementOf(t, station, month)).totals.paidFen;
    const expected = latestVersions().reduce((s, v) => s + finals(v.decision).total, 0);
    expect(expected).toBeGreaterThan(0);
    expect(paid).toBe(expected);
    // Nothing was booked before January or after August.
    for (const station of stations) {
      expect((await statementOf(t, station, '2025-12')).lines).toEqual([]);
      expect((await statementOf(t, station, '2026-09')).lines).toEqual([]);
    }
  });

  it('charges each supplier, chassis maker and station over the half year exactly the final amounts of the lines it is liable for', async () => {
    const expected = new Map<string, number>();
    for (const v of latestVersions()) for (const [party, fen] of finals(v.decision).byParty) if (RECOVERED_TYPES.has(party.split(':')[0]!)) add(expected, party, fen);
    expect([...expected.keys()].some((k) => k.startsWith('supplier:'))).toBe(true);
    expect([...expected.keys()].some((k) => k.startsWith('chassis-maker:'))).toBe(true);

    const report = await recoveriesOf(t, `${MONTHS[0]}-01`, '2026-08-31');
    const actual = new Map(report.notices.map((n) => [partyKey(n.party), n.totalFen]));
    for (const notice of report.notices) expect(notice.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(notice.totalFen);
    expect(nonZero(actual)).toEqual(nonZero(expected));
    expect(report.totalFen).toBe([...expected.values()].reduce((s, fen) => s + fen, 0));
  });

  it('charges each party, month by month, the change of its final amounts decided that month', async () => {
    for (const month of MONTHS) {
      const expected = new Map<string, number>();
      for (const c of changes()) if (c.version.month === month) for (const [party, fen] of c.byParty) if (RECOVERED_TYPES.has(party.split(':')[0]!)) add(expected, party, fen);
      const start = DateTime.fromISO(`${month}-01`, { zone });
      const report = await recoveriesOf(t, start.toISODate()!, start.endOf('month').toISODate()!);
      expect(nonZero(new Map(report.notices.map((n) => [partyKey(n.party), n.totalFen]))), month).toEqual(nonZero(expected));
    }
  });

  it('gives each station’s accuracy as the count of its approved lines among its decided ones, electrical ones apart', async () => {
    const electrical = (productLine: string | null, component: string) =>
      productLine !== null && t.ruleBook.policies.find((p) => p.file.productLine === productLine)?.file.components[component]?.electrical === true;
    const periods = [{ from: '2025-01-01', to: '2026-08-31' }, ...MONTHS.slice(0, 6).map((m) => ({ from: `${m}-01`, to: DateTime.fromISO(`${m}-01`).endOf('month').toISODate()! }))];
    for (const period of periods) {
      for (const station of stations) {
        const tally = { overall: { decided: 0, approved: 0 }, electrical: { decided: 0, approved: 0 }, pendedLines: 0 };
        for (const v of latestVersions()) {
          if (v.stationId !== station || v.repairDate < period.from || v.repairDate > period.to) continue;
          for (const job of v.decision.jobs) {
            for (const line of job.lines) {
              if (line.status === 'pended') {
                tally.pendedLines += 1;
                continue;
              }
              const approved = line.status === 'approved' || line.status === 'adjusted' ? 1 : 0;
              tally.overall.decided += 1;
              tally.overall.approved += approved;
              if (electrical(v.decision.productLine, job.component)) {
                tally.electrical.decided += 1;
                tally.electrical.approved += approved;
              }
            }
          }
        }
        const res = await request(t.app).get(`/v1/stations/${station}/accuracy`).query(period).set(t.auth.auditor);
        expect(res.status).toBe(200);
        const pct = (x: { decided: number; approved: number }) => (x.decided === 0 ? null : Math.round((x.approved / x.decided) * 10_000) / 100);
        expect(res.body, `${station} ${period.from}`).toMatchObject({
          overall: { ...tally.overall, pct: pct(tally.overall) },
          electrical: { ...tally.electrical, pct: pct(tally.electrical) },
          pendedLines: tally.pendedLines,
        });
      }
    }
  });
});
