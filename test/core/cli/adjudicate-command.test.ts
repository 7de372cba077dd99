import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/config/paths.js';
import { buildClaim, buildEbikeClaim, buildEbikeJob, buildEbikeUnit, buildHistoryEntry, buildJob, buildNevUnit } from '../../support/builders.js';
import type { Decision } from '../../../src/adjudication/decision.js';

const run = promisify(execFile);
const bin = path.join(PACKAGE_ROOT, 'bin', 'warranty.js');

/** Runs `warranty adjudicate` as a user would, from the package root. */
function warranty(...args: string[]) {
  return run(process.execPath, [bin, 'adjudicate', ...args], { cwd: PACKAGE_ROOT, timeout: 60_000 });
}

describe('warranty adjudicate (CLI)', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'warranty-cli-'));
    const write = (name: string, value: unknown) => writeFile(file(name), JSON.stringify(value, null, 2));
    await write('nev-unit.json', buildNevUnit({ saleDate: '2021-03-15' }));
    await write('battery-claim.json', buildClaim({
      claimNumber: 'S1-2026-000123', odometerKm: 150_000, failureDate: '2026-03-14', repairDate: '2026-03-16',
      jobs: [buildJob({ preAuthorisationNumber: 'PA-000123', labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 8, rateFen: 8_000 }] })],
    }));
    await write('preauthorisations.json', [{ number: 'PA-000123', unitId: 'NEV-0042', component: 'traction-battery', amountLimitFen: 6_800_000, validFrom: '2026-03-14', validTo: '2026-04-14', issuedBy: 'auditor A', issuedAt: '2026-03-14T02:00:00.000Z', note: null }]);
    await write('ebike-unit.json', buildEbikeUnit({ saleDate: '2023-04-13' }));
    await write('hub-motor-claim.json', buildEbikeClaim({
      failureDate: '2025-04-15', repairDate: '2025-04-16',
      jobs: [buildEbikeJob({ component: 'hub-motor', failureMode: 'burnout', causalPart: { partNumber: 'EB-MOT-350', quantity: 1, unitPriceFen: 68_000 }, labour: [{ operationCode: 'EB-OP-MOT-RR', hours: 1, rateFen: 3_000 }] })],
    }));
    await write('hub-motor-history.json', [buildHistoryEntry({
      claimNumber: 'S1-2025-0301', failureDate: '2025-02-28', repairDate: '2025-03-01', odometerKm: null,
      jobs: [{ jobId: 'J1', component: 'hub-motor', partNumbers: ['EB-MOT-350'], covered: true }],
    })]);
    await write('broken-claim.json', { claimNumber: 'S1-X', stationId: 'S1', unit: {}, failureDate: '2026-13-01', repairDate: '2026-03-16', jobs: [] });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('pends the same battery claim AC without its pre-authorisation (parts above 20,000.00)', async () => {
    const { stdout } = await warranty(file('battery-claim.json'), '--unit', file('nev-unit.json'), '--today', '2026-03-20', '--no-trace');
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.status).toBe('pended');
    // The labour cut stays proposed for the auditor who picks the claim up.
    expect(decision.jobs[0]?.reasons.map((r) => r.code)).toEqual(['AC', 'ELH']);
    expect(decision.totals.approvedFen).toBe(0);
  });

  it('prints the decision of the SPEC battery claim as JSON: covered, ELH on the labour, with its trace', async () => {
    const { stdout } = await warranty(file('battery-claim.json'), '--unit', file('nev-unit.json'), '--preauthorisations', file('preauthorisations.json'), '--today', '2026-03-20');
    const decision = JSON.parse(stdout) as Decision;
    expect(decision).toMatchObject({ claimNumber: 'S1-2026-000123', status: 'adjusted', today: '2026-03-20', receivedDate: '2026-03-20', unitId: 'NEV-0042' });
    expect(decision.ruleSet).toMatchObject({ id: 'nev-special-vehicle', version: '2021-01-01' });
    expect(decision.ruleSet?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const [job] = decision.jobs;
    expect(job).toMatchObject({ covered: true, remedy: 'repair', liableParty: { type: 'supplier', id: 'SUP-BATT-01' } });
    expect(job?.coverage).toMatchObject({ term: 'core-three-electric', lastCoveredDay: '2026-03-14', kmLimit: 200_000 });
    expect(job?.reasons.map((r) => r.code)).toEqual(['ELH']);
    expect(decision.totals).toMatchObject({ claimedFen: 6_864_000, approvedFen: 6_848_000, deductedFen: 16_000 });
    expect(decision.trace.length).toBeGreaterThan(0);
  });

  it('reads the unit\'s history: SPEC example 12 as a comeback of S1, labour not paid again, no trace when asked', async () => {
    const { stdout } = await warranty(file('hub-motor-claim.json'), '--unit', file('ebike-unit.json'), '--history', file('hub-motor-history.json'), '--today', '2025-04-20', '--no-trace');
    const decision = JSON.parse(stdout) as Decision;
    const [job] = decision.jobs;
    expect(decision.status).toBe('adjusted');
    expect(job).toMatchObject({ covered: true, liableParty: { type: 'service-station', id: 'S1' } });
    expect(job?.coverage?.lastCoveredDay).toBe('2025-04-12');
    expect(job?.reasons.map((r) => r.code)).toEqual(['WA-COMEBACK']);
    expect(decision.totals).toMatchObject({ claimedFen: 71_000, approvedFen: 68_000 });
    expect('trace' in decision).toBe(false);
  });

  it('refuses an invalid claim file with the field paths on stderr and exit code 1', async () => {
    const failure = await warranty(file('broken-claim.json'), '--unit', file('nev-unit.json'), '--today', '2026-03-20').then(
      () => null,
      (error: { code?: number; stderr?: string; stdout?: string }) => error,
    );
    expect(failure).not.toBeNull();
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toContain('is not a valid claim');
    expect(failure?.stderr).toContain('claim failureDate');
  });
});
