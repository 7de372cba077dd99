/**
 * Console queue and search benchmark (issue 12): the review queue and the claim search over HTTP with
 * 10,000 pended claims in the database. One pended claim is decided through the real service; its
 * claim and decision rows are then copied 10,000 times in two INSERT … SELECT statements (numbers
 * BENCH-1 …, 50 stations, one minute apart) into the real tables.
 *
 *   npm run bench:console                         # embedded PostgreSQL
 *   DATABASE_URL=postgres://… npm run bench:console
 *   npm run bench:console -- --claims 10000 --runs 5
 */
import { parseArgs } from 'node:util';
import request from 'supertest';
import { createTestApp } from '../test/support/test-app.js';
import { batteryJob, buildClaim, decide } from '../test/e2e/fixtures.js';
import { registerBareNevUnit } from '../test/lifecycle/preauthorisation-helpers.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const CLAIMS = Number(values.claims);
const RUNS = Number(values.runs);

const t = await createTestApp({ now: '2026-03-20T04:00:00Z' });
const unit = await registerBareNevUnit(t);
const template = await decide(t, buildClaim(unit, { claimNumber: 'TEMPLATE-1', jobs: [batteryJob()], preAuthorisationNumber: undefined }));
if (template.status !== 'pended') throw new Error(`the template claim is ${template.status}, not pended`);
const { rows } = await t.db.query<{ id: number }>("SELECT id FROM claims WHERE claim_number = 'TEMPLATE-1'");
const templateId = Number(rows[0]!.id);

const loading = performance.now();
await t.db.query(
  `INSERT INTO claims (station_id, claim_number, revision, unit_id, body_text, body_hash, failure_date, repair_date, received_date, odometer_km, submitted_by, submitted_at)
   SELECT 'S' || (g % 50), 'BENCH-' || g, 1, unit_id, body_text, body_hash || '-' || g, failure_date, repair_date, received_date, odometer_km, submitted_by,
          submitted_at - make_interval(mins => $2::int - g)
     FROM claims, generate_series(1, $2::int) g WHERE id = $1`,
  [templateId, CLAIMS],
);
await t.db.query(
  `INSERT INTO decisions (claim_id, version, status, approved_fen, rule_set_id, rule_set_version, rule_set_hash, decision, summary, decided_by, decided_at, note, outcome)
   SELECT c.id, 1, d.status, d.approved_fen, d.rule_set_id, d.rule_set_version, d.rule_set_hash,
          jsonb_set(jsonb_set(d.decision, '{claimNumber}', to_jsonb(c.claim_number)), '{stationId}', to_jsonb(c.station_id)), d.summary, d.decided_by, c.submitted_at, d.note, d.outcome
     FROM claims c, decisions d WHERE c.claim_number LIKE 'BENCH-%' AND d.claim_id = $1`,
  [templateId],
);
await t.db.query('ANALYZE claims').catch(() => undefined);
await t.db.query('ANALYZE decisions').catch(() => undefined);
console.log(`inserted ${CLAIMS} pended claims in ${((performance.now() - loading) / 1000).toFixed(1)} s (${t.db.kind})`);

async function time(label: string, path: string, check: (body: { items: unknown[]; total?: number; nextCursor?: string | null }) => void) {
  const times: number[] = [];
  let body: { items: unknown[]; total?: number; nextCursor?: string | null } = { items: [] };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = await request(t.app).get(path).set(t.auth.auditor);
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    body = res.body;
  }
  check(body);
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${times[Math.floor(times.length / 2)]!.toFixed(0).padStart(5)} ms   max ${times[times.length - 1]!.toFixed(0).padStart(5)} ms`);
  return body;
}

const expectItems = (n: number) => (body: { items: unknown[] }) => {
  if (body.items.length !== n) throw new Error(`expected ${n} items, got ${body.items.length}`);
};
const first = await time('GET /v1/reviews?limit=25 (first page, counts)', '/v1/reviews?limit=25', (b) => {
  expectItems(25)(b);
  if (b.total !== CLAIMS + 1) throw new Error(`total ${b.total}`);
});
await time('GET /v1/reviews?limit=25&cursor=… (next page)', `/v1/reviews?limit=25&cursor=${first.nextCursor}`, expectItems(25));
await time('GET /v1/reviews?stationId=S7&reasonCode=AC', '/v1/reviews?limit=25&stationId=S7&reasonCode=AC', expectItems(25));
await time('GET /v1/reviews?productLine=…&minClaimedFen=…', '/v1/reviews?limit=25&productLine=nev-special-vehicle&minClaimedFen=100', expectItems(25));
await time('GET /v1/claims?claimNumber=BENCH-999 (prefix)', '/v1/claims?claimNumber=BENCH-999', expectItems(11));
await time('GET /v1/claims?vin=… (the unit of all of them)', `/v1/claims?vin=${unit.vin}&limit=50`, expectItems(50));
await time('GET /v1/claims?stationId=S7&status=pended', '/v1/claims?stationId=S7&status=pended&limit=50', expectItems(50));
await time('GET /v1/claims?from=2026-03-16&to=2026-03-16', '/v1/claims?from=2026-03-16&to=2026-03-16&limit=50', expectItems(50));
await t.close();
