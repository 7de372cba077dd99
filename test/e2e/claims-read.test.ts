import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { batteryJob, buildClaim, buildNevUnit, decide, errorPaths, expectProblem, lampJob, registerUnit } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (path: string, auth = t.auth.auditor) => request(t.app).get(path).set(auth);

interface ListItem {
  claimNumber: string;
  stationId: string;
  unitId: string | null;
  status: string;
  repairDate?: string;
  approvedFen: number;
  decisionVersion: number;
}

describe(`GET /v1/claims/{claimNumber} (${databaseKind})`, () => {
  it('returns the latest decision with its list of versions', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decided = await decide(t, buildClaim(unit));
    const res = await get(`/v1/claims/${decided.claimNumber}`).expect(200);
    expect(res.body).toMatchObject({ claimNumber: decided.claimNumber, stationId: 'S1', status: 'approved', decisionVersion: 1, revision: 1, totals: decided.totals, jobs: decided.jobs });
    expect(res.body.submittedAt).toEqual(expect.any(String));
    expect(res.body.versions).toEqual([expect.objectContaining({ version: 1, status: 'approved', decidedBy: 'adjudicator', decidedAt: expect.any(String), note: null })]);
  });

  it("finds a claim at the Location its submission returned, even with slashes in its number", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const submitted = await request(t.app).post('/v1/claims').set(t.auth.dealer).send(buildClaim(unit, { claimNumber: 'S1/2026/000124' })).expect(201);
    expect(submitted.headers.location).toBe('/v1/claims/S1%2F2026%2F000124?stationId=S1');
    const res = await get(submitted.headers.location as string, t.auth.dealer).expect(200);
    expect(res.body).toMatchObject({ claimNumber: 'S1/2026/000124', stationId: 'S1', status: submitted.body.status });
  });

  it('answers 404 not-found for a claim number nobody filed', async () => {
    expectProblem(await get('/v1/claims/NOBODY-FILED-THIS'), 404, 'not-found');
  });

  describe('when two stations use the same claim number', () => {
    const number = 'SHARED-2026-0001';
    beforeAll(async () => {
      const unit = await registerUnit(t, buildNevUnit());
      await decide(t, buildClaim(unit, { claimNumber: number, stationId: 'S1', failureDate: '2026-03-01', repairDate: '2026-03-02', jobs: [lampJob()] }), t.auth.dealer);
      await decide(t, buildClaim(unit, { claimNumber: number, stationId: 'S2' }), t.auth.dealerS2);
    });

    it('answers 409 claim-number-ambiguous without stationId, naming both stations', async () => {
      const res = await get(`/v1/claims/${number}`);
      expectProblem(res, 409, 'claim-number-ambiguous');
      expect(res.body.stations).toEqual(['S1', 'S2']);
      expect(res.body.detail).toContain('stationId');
    });

    it('returns the named station\'s claim with ?stationId=', async () => {
      const s1 = await get(`/v1/claims/${number}?stationId=S1`).expect(200);
      const s2 = await get(`/v1/claims/${number}?stationId=S2`).expect(200);
      expect([s1.body.stationId, s1.body.status]).toEqual(['S1', 'denied']);
      // S2 is a tier-B station: the claimed tier-A labour rate is cut (ELR).
      expect([s2.body.stationId, s2.body.status]).toEqual(['S2', 'adjusted']);
    });

    it("gives a dealer its own station's claim without asking for stationId", async () => {
      const res = await get(`/v1/claims/${number}`, t.auth.dealerS2).expect(200);
      expect(res.body.stationId).toBe('S2');
    });

    it("refuses a dealer another station's claim with 403", async () => {
      expectProblem(await get(`/v1/claims/${number}?stationId=S2`, t.auth.dealer), 403, 'forbidden');
    });
  });

  it("refuses a dealer a claim only another station filed with 403", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const decided = await decide(t, buildClaim(unit, { stationId: 'S2' }));
    expectProblem(await get(`/v1/claims/${decided.claimNumber}`, t.auth.dealer), 403, 'forbidden');
    await get(`/v1/claims/${decided.claimNumber}`, t.auth.dealerS2).expect(200);
  });
});

describe(`GET /v1/claims lists claims (${databaseKind})`, () => {
  // One unit, sold 2021-03-15, with four claims at two stations (newest first: c4, c3, c2, c1).
  let unitId: string;
  const numbers: Record<'c1' | 'c2' | 'c3' | 'c4', string> = { c1: '', c2: '', c3: '', c4: '' };
  beforeAll(async () => {
    const unit = await registerUnit(t, buildNevUnit());
    unitId = unit.unitId;
    const file = async (key: keyof typeof numbers, overrides: Parameters<typeof buildClaim>[1]) => {
      numbers[key] = (await decide(t, buildClaim(unit, overrides))).claimNumber;
    };
    await file('c1', { stationId: 'S1', odometerKm: 140_000, failureDate: '2026-02-19', repairDate: '2026-02-20' });
    await file('c2', {
      stationId: 'S2', odometerKm: 141_000, failureDate: '2026-03-01', repairDate: '2026-03-02',
      jobs: [{ jobId: 'J1', component: 'drive-motor', failureMode: 'noise', cause: 'accident', causalPart: { partNumber: 'NEV-MOT-001', quantity: 1, unitPriceFen: 1_850_000 } }],
    });
    await file('c3', { stationId: 'S1', odometerKm: 142_000, failureDate: '2026-03-09', repairDate: '2026-03-10', jobs: [lampJob()] });
    await file('c4', {
      stationId: 'S2', odometerKm: 143_000, failureDate: '2026-03-12', repairDate: '2026-03-13',
      jobs: [batteryJob({ component: 'motor-controller', failureMode: 'short-circuit', causalPart: { partNumber: 'NEV-MCU-001', quantity: 1, unitPriceFen: 620_000 }, consequentialParts: [], labour: [], auxiliaryFen: 0, travel: null })],
    });
  });

  const list = async (query: string, auth = t.auth.auditor): Promise<{ items: ListItem[]; nextCursor: string | null }> => {
    const res = await get(`/v1/claims?${query}`, auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const claimNumbers = (page: { items: ListItem[] }) => page.items.map((i) => i.claimNumber);

  it("filters by unit, newest first, with each claim's status and approved amount", async () => {
    const page = await list(`unitId=${unitId}`);
    expect(claimNumbers(page)).toEqual([numbers.c4, numbers.c3, numbers.c2, numbers.c1]);
    expect(page.items.map((i) => i.status)).toEqual(['approved', 'denied', 'denied', 'approved']);
    expect(page.items[0]).toMatchObject({ stationId: 'S2', unitId, approvedFen: 620_000, decisionVersion: 1 });
    expect(page.nextCursor).toBeNull();
  });

  it('filters by station', async () => {
    expect(claimNumbers(await list(`unitId=${unitId}&stationId=S1`))).toEqual([numbers.c3, numbers.c1]);
  });

  it('filters by decision status', async () => {
    expect(claimNumbers(await list(`unitId=${unitId}&status=denied`))).toEqual([numbers.c3, numbers.c2]);
    expect(claimNumbers(await list(`unitId=${unitId}&status=pended`))).toEqual([]);
  });

  it('filters by repair date from and to, both inclusive', async () => {
    expect(claimNumbers(await list(`unitId=${unitId}&from=2026-03-02&to=2026-03-10`))).toEqual([numbers.c3, numbers.c2]);
    expect(claimNumbers(await list(`unitId=${unitId}&from=2026-03-11`))).toEqual([numbers.c4]);
    expect(claimNumbers(await list(`unitId=${unitId}&to=2026-02-20`))).toEqual([numbers.c1]);
  });

  it('pages through the claims with nextCursor until it is null, each claim once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`unitId=${unitId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...claimNumbers(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual([numbers.c4, numbers.c3, numbers.c2, numbers.c1]);
  });

  it('pages through every claim of every unit without losing or repeating one', async () => {
    const all = claimNumbers(await list('limit=500'));
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...claimNumbers(page));
      cursor = page.nextCursor;
    } while (cursor !== null && seen.length <= all.length);
    expect(seen).toEqual(all);
  });

  it("shows a dealer only its own station's claims", async () => {
    const page = await list(`unitId=${unitId}`, t.auth.dealer);
    expect(claimNumbers(page)).toEqual([numbers.c3, numbers.c1]);
    expect(new Set((await list('limit=500', t.auth.dealer)).items.map((i) => i.stationId))).toEqual(new Set(['S1']));
  });

  it("refuses a dealer that asks for another station's claims with 403", async () => {
    expectProblem(await get(`/v1/claims?stationId=S2`, t.auth.dealer), 403, 'forbidden');
    expect(claimNumbers(await list(`unitId=${unitId}&stationId=S1`, t.auth.dealer))).toEqual([numbers.c3, numbers.c1]);
  });

  it('rejects bad filters with 400 naming each query parameter', async () => {
    const res = await get('/v1/claims?status=fine&from=yesterday&limit=0&cursor=abc');
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res).sort()).toEqual(['query.cursor', 'query.from', 'query.limit', 'query.status']);
  });
});
