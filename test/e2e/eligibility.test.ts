import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { errorPaths, expectProblem, nevVin, reasonCodes, registerDemoUnits, rowCounts } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await registerDemoUnits(t);
});
afterAll(() => t.close());

const NEV_0042 = { vin: 'LB9BL518XM0000042' };
const NEV_0311_SHENZHEN = { vin: 'LB9BL5189N0000311' };
const EB_25_0001 = { frameSerial: 'FS25A0000001' };

const precheck = (body: unknown, auth = t.auth.dealer) => request(t.app).post('/v1/eligibility').set(auth).send(body as object);
const batch = (body: unknown, auth = t.auth.dealer) => request(t.app).post('/v1/eligibility/batch').set(auth).send(body as object);

describe(`POST /v1/eligibility (${databaseKind})`, () => {
  it("answers SPEC §9's NEV request per component: battery covered with km left, steering expired", async () => {
    const res = await precheck({
      unit: NEV_0042,
      date: '2026-03-14',
      odometerKm: 150_000,
      components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }],
    }).expect(200);
    expect(res.body).toMatchObject({ unitId: 'NEV-0042', productLine: 'nev-special-vehicle', date: '2026-03-14', saleDate: '2021-03-15' });
    expect(res.body).not.toHaveProperty('exchangeWindowLastDay');
    // A dealer sees before the repair that a battery (68,000.00) needs a pre-authorisation.
    expect(res.body.preAuthorisationAboveFen).toBe(2_000_000);
    const [battery, steering] = res.body.components;
    expect(battery).toEqual({
      component: 'traction-battery', covered: true, term: 'core-three-electric', start: '2021-03-15', lastCoveredDay: '2026-03-14', kmLimit: 200_000, kmLeft: 50_000, reasons: [],
    });
    expect(steering).toMatchObject({ component: 'electric-steering', partNumber: 'NEV-EPS-001', covered: false, term: 'small-three-electric', lastCoveredDay: '2024-03-14', kmLimit: null, kmLeft: null });
    expect(reasonCodes(steering)).toEqual(['EW']);
    expect(steering.reasons[0].message).toEqual({ en: expect.any(String), zh: expect.any(String) });
  });

  it('refuses 422 a NEV pre-check naming a handlebar (an e-bike component): the path, the value and where the NEV list is', async () => {
    const res = await precheck({
      unit: NEV_0042,
      date: '2026-03-14',
      components: [{ component: 'traction-battery' }, { component: 'handlebar', failureMode: 'weld-fracture' }],
    });
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'components.1.component', value: 'handlebar', validValues: '/v1/product-lines/nev-special-vehicle?date=2026-03-14' }),
    ]);
  });

  it('answers 422, never 500, for component ABC, with its path', async () => {
    const res = await precheck({ unit: NEV_0042, date: '2026-03-14', components: [{ component: 'ABC' }] });
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(errorPaths(res)).toEqual(['components.0.component']);
  });

  it('suggests the failure mode meant: an e-bike hub motor with bearing-shatter is bearing-shattered', async () => {
    const res = await precheck({ unit: EB_25_0001, date: '2025-05-01', components: [{ component: 'hub-motor', failureMode: 'bearing-shatter' }] });
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'components.0.failureMode', value: 'bearing-shatter', suggestion: 'bearing-shattered', allowed: expect.arrayContaining(['bearing-shattered', 'gear-breakage']) }),
    ]);
    expect(res.body.detail).toContain('did you mean "bearing-shattered"');
  });

  it('answers an unknown component of one batch request in its own result; the others are answered', async () => {
    const res = await batch({ requests: [
      { unit: NEV_0042, date: '2026-03-14', components: [{ component: 'traction-batery' }] },
      { unit: NEV_0042, date: '2026-03-14', components: [{ component: 'traction-battery' }] },
    ] }).expect(200);
    expect(res.body.results[0]).toMatchObject({ index: 0, error: { code: 'unknown-vocabulary', errors: [expect.objectContaining({ path: 'components.0.component', suggestion: 'traction-battery' })] } });
    expect(res.body.results[1].components[0]).toMatchObject({ covered: true, term: 'core-three-electric' });
  });

  it('says the battery is no longer covered the day after its last covered day (EW)', async () => {
    const res = await precheck({ unit: NEV_0042, date: '2026-03-15', odometerKm: 150_000, components: [{ component: 'traction-battery' }] }).expect(200);
    expect(res.body.components[0]).toMatchObject({ covered: false, lastCoveredDay: '2026-03-14' });
    expect(reasonCodes(res.body.components[0])).toEqual(['EW']);
  });

  it('covers exactly 200,000 km and not 200,001 km, with no km left past the limit', async () => {
    const at = (odometerKm: number) => precheck({ unit: NEV_0042, date: '2025-01-01', odometerKm, components: [{ component: 'traction-battery' }] }).expect(200);
    expect((await at(200_000)).body.components[0]).toMatchObject({ covered: true, kmLeft: 0 });
    const over = (await at(200_001)).body.components[0];
    expect(over).toMatchObject({ covered: false, kmLimit: 200_000, kmLeft: 0 });
    expect(reasonCodes(over)).toEqual(['EW']);
  });

  it("asked about no component, answers every component of the unit's policy, in the policy's order (a dealer's pre-check page)", async () => {
    const res = await precheck({ unit: NEV_0042, date: '2026-03-14', odometerKm: 150_000 }).expect(200);
    const policy = t.ruleBook.policyAt('nev-special-vehicle', '2026-03-14')!;
    expect(res.body.components.map((c: { component: string }) => c.component)).toEqual(Object.keys(policy.file.components));
    const byComponent = new Map(res.body.components.map((c: { component: string }) => [c.component, c]));
    expect(byComponent.get('traction-battery')).toMatchObject({ covered: true, term: 'core-three-electric', lastCoveredDay: '2026-03-14', kmLeft: 50_000 });
    expect(byComponent.get('electric-steering')).toMatchObject({ covered: false, term: 'small-three-electric', lastCoveredDay: '2024-03-14' });
  });

  it("gives an e-bike's exchange-or-refund window of 7 days from its rule set (004 §9.1): open on the 7th day after sale, closed on the 8th", async () => {
    const open = await precheck({ unit: EB_25_0001, date: '2025-01-16', components: [{ component: 'frame' }] }).expect(200);
    expect(open.body).toMatchObject({ saleDate: '2025-01-10', exchangeWindowDays: 7, exchangeWindowLastDay: '2025-01-16', exchangeWindowOpen: true });
    const closed = await precheck({ unit: EB_25_0001, date: '2025-01-17', components: [{ component: 'frame' }] }).expect(200);
    expect(closed.body).toMatchObject({ exchangeWindowDays: 7, exchangeWindowLastDay: '2025-01-16', exchangeWindowOpen: false });
  });

  it("applies the more generous local standard of the unit's region (Shenzhen: 96 months, 600,000 km)", async () => {
    const res = await precheck({ unit: NEV_0311_SHENZHEN, odometerKm: 300_000, components: [{ component: 'traction-battery' }] }).expect(200);
    expect(res.body.components[0]).toMatchObject({ covered: true, lastCoveredDay: '2030-09-19', kmLimit: 600_000, kmLeft: 300_000 });
  });

  it('lists both e-bike handlebar terms when no failure mode is given, and the last day of the exchange window', async () => {
    const res = await precheck({ unit: EB_25_0001, date: '2025-05-01', components: [{ component: 'handlebar' }] }).expect(200);
    expect(res.body).toMatchObject({ unitId: 'EB-25-0001', productLine: 'e-bike', saleDate: '2025-01-10', exchangeWindowLastDay: '2025-01-16', preAuthorisationAboveFen: 100_000 });
    const [handlebar] = res.body.components;
    // The best answer is the weld term (still running); plating ran out on 2025-04-09.
    expect(handlebar).toMatchObject({ component: 'handlebar', covered: true, term: 'frame-welds', lastCoveredDay: '2026-01-09', kmLeft: null });
    const byTerm = new Map<string, { covered: boolean; lastCoveredDay: string }>(handlebar.byFailureMode.map((m: { term: string }) => [m.term, m]));
    expect([...byTerm.keys()].sort()).toEqual(['frame-welds', 'plated-parts']);
    expect(byTerm.get('plated-parts')).toMatchObject({ covered: false, lastCoveredDay: '2025-04-09' });
    expect(byTerm.get('frame-welds')).toMatchObject({ covered: true, lastCoveredDay: '2026-01-09' });
    const modes = handlebar.byFailureMode.map((m: { failureMode: string }) => m.failureMode);
    expect(modes).toEqual(expect.arrayContaining(['plating-blister', 'weld-fracture']));
  });

  it('answers for a named failure mode only that term', async () => {
    const res = await precheck({ unit: EB_25_0001, date: '2025-05-01', components: [{ component: 'handlebar', failureMode: 'plating-blister' }] }).expect(200);
    expect(res.body.components[0]).toMatchObject({ covered: false, term: 'plated-parts', lastCoveredDay: '2025-04-09' });
    expect(res.body.components[0]).not.toHaveProperty('byFailureMode');
  });

  it('answers for today on the fixed clock when no date is given', async () => {
    const res = await precheck({ unit: EB_25_0001, components: [{ component: 'li-ion-battery', failureMode: 'no-charge' }] }).expect(200);
    expect(res.body.date).toBe('2026-03-20');
    expect(res.body.components[0]).toMatchObject({ covered: true, term: 'li-ion-battery', lastCoveredDay: '2027-01-09' });
  });

  it('says a wear part is not covered (NEW)', async () => {
    const res = await precheck({ unit: NEV_0042, date: '2021-06-01', components: [{ component: 'brake-pad' }] }).expect(200);
    const [pad] = res.body.components;
    expect(pad.covered).toBe(false);
    expect(reasonCodes(pad)).toContain('NEW');
  });

  it('refuses 422 an unknown part number, suggesting the catalogue number it resembles', async () => {
    const res = await precheck({ unit: NEV_0042, date: '2021-06-01', components: [{ component: 'brake-pad' }, { partNumber: 'NEV-BAT-01' }] });
    expectProblem(res, 422, 'unknown-vocabulary');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'components.1.partNumber', value: 'NEV-BAT-01', suggestion: 'NEV-BAT-001' })]);
  });

  it('answers 404 not-found for a unit that is not in the registry', async () => {
    const vin = nevVin(9_100_001);
    const res = await precheck({ unit: { vin }, components: [{ component: 'traction-battery' }] });
    expectProblem(res, 404, 'not-found');
    expect(res.body.detail).toContain(vin);
  });

  it('rejects a date before the sale date with 400 on the path date', async () => {
    const res = await precheck({ unit: EB_25_0001, date: '2024-05-01', components: [{ component: 'handlebar' }] });
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['date']);
    expect(res.body.detail).toContain('2025-01-10');
  });

  it('rejects a request without unit identity or components with 400 naming each path', async () => {
    const res = await precheck({ unit: {}, date: '2026-13-01', components: [{ failureMode: 'leak' }] });
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res).sort()).toEqual(['components.0', 'date', 'unit']);
  });

  it('is open to auditors as well as dealers, not to a policy owner', async () => {
    const body = { unit: NEV_0042, components: [{ component: 'traction-battery' }] };
    await precheck(body, t.auth.auditor).expect(200);
    expectProblem(await precheck(body, t.auth.policyOwner), 403, 'forbidden');
  });

  it('answers 401 without a key, 400 naming an undocumented query parameter, and every answer no-store with its request id', async () => {
    const body = { unit: NEV_0042, components: [{ component: 'traction-battery' }] };
    expectProblem(await request(t.app).post('/v1/eligibility').send(body), 401, 'unauthorised');
    const typo = await request(t.app).post('/v1/eligibility?odometerkm=1').set(t.auth.dealer).send(body);
    expectProblem(typo, 400, 'validation-failed');
    expect(errorPaths(typo)).toEqual(['query.odometerkm']);
    const answered = await precheck(body).set('x-request-id', 'dms-42').expect(200);
    expect(answered.headers).toMatchObject({ 'cache-control': 'no-store', 'x-request-id': 'dms-42', 'content-type': 'application/json; charset=utf-8' });
    expect((await batch({ requests: [body] }).expect(200)).headers['cache-control']).toBe('no-store');
  });
});

describe(`POST /v1/eligibility/batch (${databaseKind})`, () => {
  it('answers each request in order, with an error entry for a unit not in the registry', async () => {
    const res = await batch({
      requests: [
        { unit: NEV_0042, date: '2026-03-14', odometerKm: 150_000, components: [{ component: 'traction-battery' }] },
        { unit: EB_25_0001, date: '2025-05-01', components: [{ component: 'handlebar', failureMode: 'weld-fracture' }] },
        { unit: { frameSerial: 'FS-NOT-REGISTERED' }, components: [{ component: 'frame' }] },
        { unit: EB_25_0001, date: '2024-12-31', components: [{ component: 'frame' }] },
      ],
    }).expect(200);
    const [nev, ebike, unknown, beforeSale] = res.body.results;
    expect(nev).toMatchObject({ unitId: 'NEV-0042', components: [{ covered: true, kmLeft: 50_000 }] });
    expect(ebike).toMatchObject({ unitId: 'EB-25-0001', exchangeWindowLastDay: '2025-01-16', components: [{ covered: true, term: 'frame-welds' }] });
    expect(unknown).toMatchObject({ index: 2, error: { code: 'unit-not-found' } });
    expect(beforeSale).toMatchObject({ index: 3, error: { code: 'date-before-sale' } });
  });

  it('answers 100 requests at once', async () => {
    const requests = Array.from({ length: 100 }, () => ({ unit: NEV_0042, components: [{ component: 'traction-battery' }] }));
    const res = await batch({ requests }).expect(200);
    expect(res.body.results).toHaveLength(100);
  });

  it('refuses 101 requests with 400 on the path requests', async () => {
    const requests = Array.from({ length: 101 }, () => ({ unit: NEV_0042, components: [{ component: 'traction-battery' }] }));
    const res = await batch({ requests });
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['requests']);
  });

  it('refuses an empty batch with 400', async () => {
    expectProblem(await batch({ requests: [] }), 400, 'validation-failed');
  });
});

describe(`eligibility is read-only (${databaseKind})`, () => {
  it('writes nothing for answers, batches, unknown units or invalid requests', async () => {
    const before = await rowCounts(t.db);
    await precheck({ unit: NEV_0042, odometerKm: 150_000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] }).expect(200);
    await precheck({ unit: EB_25_0001, components: [{ component: 'handlebar' }] }).expect(200);
    await batch({ requests: [{ unit: NEV_0042, components: [{ component: 'drive-motor' }] }, { unit: { vin: nevVin(9_100_002) }, components: [{ component: 'drive-motor' }] }] }).expect(200);
    await precheck({ unit: { vin: nevVin(9_100_003) }, components: [{ component: 'drive-motor' }] }).expect(404);
    await precheck({ unit: NEV_0042, components: [] }).expect(400);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
