import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { databaseKind } from '../support/test-db.js';
import { buildClaim, buildEbikeUnit, buildNevUnit, decide, errorPaths, expectProblem, lampJob, registerUnit, rowCounts } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (body: unknown) => request(t.app).post('/v1/units').set(t.auth.auditor).send(body as object);

describe(`POST /v1/units (${databaseKind})`, () => {
  it('registers a NEV unit and returns it with 201 and its location', async () => {
    const unit = buildNevUnit();
    const res = await post(unit).expect(201);
    expect(res.body).toEqual(unit);
    expect(res.headers.location).toBe(`/v1/units/${unit.unitId}`);
  });

  it('registers an e-bike by frame serial and warranty card', async () => {
    const unit = buildEbikeUnit();
    const res = await post(unit).expect(201);
    expect(res.body).toMatchObject({ frameSerial: unit.frameSerial, warrantyCardNumber: unit.warrantyCardNumber });
  });

  it('refuses a second unit with the same unitId with 409 unit-exists', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const res = await post(buildNevUnit({ unitId: unit.unitId }));
    expectProblem(res, 409, 'unit-exists');
    expect(res.body.detail).toContain(unit.unitId);
  });

  it('refuses a second unit with the same VIN with 409, naming the unit that has it', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const res = await post(buildNevUnit({ vin: unit.vin }));
    expectProblem(res, 409, 'unit-exists');
    expect(res.body.detail).toContain(unit.vin);
    expect(res.body.detail).toContain(unit.unitId);
  });

  it('refuses a second e-bike with the same frame serial with 409', async () => {
    const unit = await registerUnit(t, buildEbikeUnit());
    expectProblem(await post(buildEbikeUnit({ frameSerial: unit.frameSerial })), 409, 'unit-exists');
  });

  it('rejects a VIN whose check digit is wrong with 400 on the path vin', async () => {
    const vin = buildNevUnit().vin!;
    const wrongDigit = vin.slice(0, 8) + (vin[8] === '0' ? '1' : '0') + vin.slice(9);
    const res = await post(buildNevUnit({ vin: wrongDigit }));
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['vin']);
  });

  it.each([
    ['contains I', 'LB9BL518XM000004I'],
    ['contains O', 'LB9BL518XM00000O2'],
    ['contains Q', 'LB9BL518XQ0000042'],
    ['has 16 characters', 'LB9BL518XM000042'],
    ['has 18 characters', 'LB9BL518XM00000042'],
    ['is lower case', 'lb9bl518xm0000042'],
  ])('rejects a VIN that %s with 400 on the path vin', async (_what, vin) => {
    const res = await post(buildNevUnit({ vin }));
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['vin']);
  });

  it('rejects an unknown product line with 400 on the path productLine, listing the known ones', async () => {
    const res = await post(buildNevUnit({ productLine: 'tractor' }));
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res)).toEqual(['productLine']);
    expect(res.body.errors[0].message).toContain('nev-special-vehicle');
  });

  it('rejects a unit with neither VIN nor frame serial, and every bad field at once', async () => {
    const { vin: _vin, ...noVin } = buildNevUnit({ saleDate: '2021-02-30', region: '' });
    const res = await post(noVin);
    expectProblem(res, 400, 'validation-failed');
    expect(errorPaths(res).sort()).toEqual(['region', 'saleDate', 'vin']);
  });

  it('stores nothing for a refused unit', async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const before = await rowCounts(t.db);
    await post(buildNevUnit({ vin: 'LB9BL518XM000004I' })).expect(400);
    await post(buildNevUnit({ unitId: unit.unitId })).expect(409);
    await request(t.app).post('/v1/units').set(t.auth.dealer).send(buildNevUnit()).expect(403);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});

describe(`POST /v1/units/import (${databaseKind})`, () => {
  it('imports CSV with a header row and reports each rejected row with its field paths', async () => {
    const good = buildNevUnit();
    const ebike = buildEbikeUnit();
    const csv = [
      'unitId,productLine,model,vin,upfitSerial,frameSerial,warrantyCardNumber,saleDate,region,dealerId,chassisMaker',
      `${good.unitId},nev-special-vehicle,BL5180JSQ,${good.vin},${good.upfitSerial},,,2021-03-15,CN-HB,D-WH-01,CHS-01`,
      `BAD-VIN,nev-special-vehicle,BL5180JSQ,LB9BL518XM000004I,,,,2021-03-15,CN-HB,,`,
      `${ebike.unitId},e-bike,EB-48V-CITY,,,${ebike.frameSerial},${ebike.warrantyCardNumber},2025-01-10,CN-JS,,`,
      `BAD-LINE,tractor,T1,${buildNevUnit().vin},,,,2021-03-15,CN-HB,,`,
    ].join('\n');
    const res = await request(t.app).post('/v1/units/import').set(t.auth.auditor).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(res.body).toMatchObject({ format: 'csv', received: 4, created: 2, rejected: 2 });
    expect(res.body.rows).toEqual([
      { row: 1, unitId: good.unitId, status: 'created' },
      { row: 2, status: 'rejected', errors: [expect.objectContaining({ path: 'vin' })] },
      { row: 3, unitId: ebike.unitId, status: 'created' },
      { row: 4, unitId: 'BAD-LINE', status: 'rejected', errors: [expect.objectContaining({ path: 'productLine' })] },
    ]);
    const stored = await request(t.app).get(`/v1/units/${ebike.unitId}`).set(t.auth.auditor).expect(200);
    expect(stored.body).toMatchObject({ frameSerial: ebike.frameSerial, saleDate: '2025-01-10' });
    expect(stored.body).not.toHaveProperty('vin');
  });

  it('imports JSON lines and rejects bad JSON, duplicates and invalid rows by row number', async () => {
    const existing = await registerUnit(t, buildNevUnit());
    const fresh = buildNevUnit();
    const lines = [
      JSON.stringify(fresh),
      '{"unitId": "BROKEN",',
      JSON.stringify(buildNevUnit({ vin: existing.vin })),
      JSON.stringify({ ...buildEbikeUnit(), saleDate: '10/01/2025' }),
      '',
    ].join('\n');
    const res = await request(t.app).post('/v1/units/import').set(t.auth.auditor).set('Content-Type', 'application/x-ndjson').send(lines).expect(200);
    expect(res.body).toMatchObject({ format: 'jsonl', received: 4, created: 1, rejected: 3 });
    expect(res.body.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [1, 'created'],
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'rejected'],
    ]);
    expect(res.body.rows[1].errors[0].message).toMatch(/not valid JSON/);
    expect(res.body.rows[2].errors[0].message).toMatch(/already registered/);
    expect(res.body.rows[3].errors.map((e: { path: string }) => e.path)).toEqual(['saleDate']);
    await request(t.app).get(`/v1/units/${fresh.unitId}`).set(t.auth.auditor).expect(200);
  });

  it('rejects a CSV whose rows do not match the header with 400, storing nothing', async () => {
    const before = await rowCounts(t.db);
    const unit = buildNevUnit();
    const csv = [
      'unitId,productLine,model,vin,saleDate,region',
      `${unit.unitId},nev-special-vehicle,BL5180JSQ,${unit.vin},2021-03-15,CN-HB`,
      'ONLY,three,columns',
    ].join('\n');
    const res = await request(t.app).post('/v1/units/import').set(t.auth.auditor).set('Content-Type', 'text/csv').send(csv);
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.detail).toMatch(/line 3/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses a JSON body on the import with 400', async () => {
    const res = await request(t.app).post('/v1/units/import').set(t.auth.auditor).send([buildNevUnit()]);
    expectProblem(res, 400, 'validation-failed');
  });

  it('is for auditors: a dealer key gets 403', async () => {
    const res = await request(t.app).post('/v1/units/import').set(t.auth.dealer).set('Content-Type', 'application/x-ndjson').send(JSON.stringify(buildNevUnit()));
    expectProblem(res, 403, 'forbidden');
  });
});

describe(`GET /v1/units/{unitId} (${databaseKind})`, () => {
  it('returns the unit with its claim history', async () => {
    const unit = await registerUnit(t, buildNevUnit({ saleDate: '2025-06-01' }));
    const first = buildClaim(unit, { odometerKm: 12_000, failureDate: '2026-02-25', repairDate: '2026-02-26', jobs: [lampJob()] });
    const second = buildClaim(unit, { stationId: 'S2', odometerKm: 13_500, failureDate: '2026-03-10', repairDate: '2026-03-11' });
    await decide(t, first);
    await decide(t, second);
    const res = await request(t.app).get(`/v1/units/${unit.unitId}`).set(t.auth.auditor).expect(200);
    expect(res.body).toMatchObject({ unitId: unit.unitId, vin: unit.vin, saleDate: '2025-06-01' });
    expect(res.body.claims).toEqual([
      expect.objectContaining({ claimNumber: first.claimNumber, stationId: 'S1', repairDate: '2026-02-26', odometerKm: 12_000, jobs: [expect.objectContaining({ component: 'cab-lamp', covered: true })] }),
      expect.objectContaining({ claimNumber: second.claimNumber, stationId: 'S2', repairDate: '2026-03-11', odometerKm: 13_500 }),
    ]);
  });

  it("shows a dealer the unit with only its own station's claims", async () => {
    const unit = await registerUnit(t, buildNevUnit());
    const own = await decide(t, buildClaim(unit, { failureDate: '2026-02-25', repairDate: '2026-02-26', jobs: [lampJob()] }));
    await decide(t, buildClaim(unit, { stationId: 'S2' }));
    const res = await request(t.app).get(`/v1/units/${unit.unitId}`).set(t.auth.dealer).expect(200);
    expect(res.body.claims.map((c: { claimNumber: string }) => c.claimNumber)).toEqual([own.claimNumber]);
  });

  it('answers 404 not-found for an unknown unit', async () => {
    expectProblem(await request(t.app).get('/v1/units/NO-SUCH-UNIT').set(t.auth.auditor), 404, 'not-found');
  });
});
