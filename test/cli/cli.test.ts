import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { progressBar } from '../../src/cli/progress.js';
import { buildClaim, buildJob, buildNevUnit } from '../support/builders.js';

const run = promisify(execFile);
const bin = path.join(PACKAGE_ROOT, 'bin', 'warranty.js');
let dir: string;
const file = (name: string) => path.join(dir, name);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `warranty …` as a user would (stderr is a pipe, not a terminal), on an embedded database of its own. */
async function warranty(...args: string[]): Promise<Outcome> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
  return run(process.execPath, [bin, ...args], { cwd: PACKAGE_ROOT, env, timeout: 120_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const preAuthorisation = { number: 'PA-000123', unitId: 'NEV-0042', component: 'traction-battery', amountLimitFen: 6_800_000, validFrom: '2026-03-14', validTo: '2026-04-14', issuedBy: 'auditor A', issuedAt: '2026-03-14T02:00:00.000Z', note: null };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'warranty-cli-'));
  const write = (name: string, value: unknown) => writeFile(file(name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  await write('unit.json', buildNevUnit({ saleDate: '2021-03-15' }));
  await write('unit-from-api.json', { ...buildNevUnit({ saleDate: '2021-03-15' }), claims: [] });
  await write('claim.json', buildClaim({
    claimNumber: 'S1-2026-000123', odometerKm: 150_000, failureDate: '2026-03-14', repairDate: '2026-03-16',
    jobs: [buildJob({ preAuthorisationNumber: 'PA-000123', labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 8, rateFen: 8_000 }] })],
  }));
  await write('preauthorisations-list.json', [preAuthorisation]);
  await write('preauthorisations-api.json', { items: [preAuthorisation] });
  await write('bad-json.json', '{\n  "claimNumber": "S1-1",\n  "stationId": S1\n}\n');
  const { odometerKm, ...typo } = buildClaim({ claimNumber: 'S1-TYPO' });
  await write('typo.json', { ...typo, odometerkm: odometerKm });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('warranty --version', () => {
  it('prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
    expect(await warranty('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('warranty validates dates and numbers', () => {
  it('rejects --today 2026-13-45, and a 30 February, with exit code 1', async () => {
    for (const bad of ['2026-13-45', '2026-02-30', '20260301']) {
      const out = await warranty('adjudicate', file('claim.json'), '--unit', file('unit.json'), '--today', bad);
      expect(out.code, bad).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(`${bad} is not a date YYYY-MM-DD`);
    }
  });

  it('rejects a backtest --from that is not a date and a key id that is not a number, before opening anything', async () => {
    const backtest = await warranty('rules', 'backtest', '--draft', dir, '--from', '2026-02-30');
    expect(backtest.code).toBe(1);
    expect(backtest.stderr).toContain('2026-02-30 is not a date YYYY-MM-DD');
    const revoke = await warranty('keys', 'revoke', 'seven');
    expect(revoke.code).toBe(1);
    expect(revoke.stderr).toContain('seven is not a whole number');
    const format = await warranty('adjudicate', file('claim.json'), '--unit', file('unit.json'), '--format', 'xml');
    expect(format.stderr).toContain('xml is not one of json, table');
  });
});

describe('warranty names the file, line and column of what is wrong', () => {
  it('points at the bad JSON: file:line:column', async () => {
    const out = await warranty('adjudicate', file('bad-json.json'), '--unit', file('unit.json'), '--today', '2026-03-20');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${file('bad-json.json')}:3:16: not valid JSON`);
    expect(out.stderr).not.toMatch(/position \d+|at .*\.ts:\d+/);
  });

  it('points at an unknown field with the field meant, as the API does', async () => {
    const out = await warranty('adjudicate', file('typo.json'), '--unit', file('unit.json'), '--today', '2026-03-20');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`${file('typo.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:3: claim odometerkm: unknown field \\(did you mean "odometerKm"\\?\\)`));
  });

  it('says a missing file is missing, without ENOENT or a stack', async () => {
    const out = await warranty('adjudicate', file('nope.json'), '--unit', file('unit.json'));
    expect(out).toMatchObject({ code: 1, stdout: '' });
    expect(out.stderr.trim()).toBe(`warranty: ${file('nope.json')}: no such file (the claim)`);
  });

  it('says a missing rules directory is missing', async () => {
    const out = await warranty('adjudicate', file('claim.json'), '--unit', file('unit.json'), '--rules', file('no-rules'));
    expect(out.code).toBe(1);
    expect(out.stderr.trim()).toBe(`warranty: the rules (--rules, RULES_DIR) directory ${file('no-rules')} does not exist`);
    const validate = await warranty('rules', 'validate', file('no-rule-book'));
    expect(validate.stderr.trim()).toBe(`warranty: the rule book directory ${file('no-rule-book')} does not exist`);
  });
});

describe('warranty adjudicate output', () => {
  it('leaves the trace out entirely with --no-trace', async () => {
    const out = await warranty('adjudicate', file('claim.json'), '--unit', file('unit.json'), '--preauthorisations', file('preauthorisations-list.json'), '--today', '2026-03-20', '--no-trace');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).not.toContain('"trace"');
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'adjusted', totals: { approvedFen: 6_848_000 } });
  });

  it('takes the pre-authorisations as GET /v1/preauthorisations answers ({ items }) and the unit as GET /v1/units/{id} answers, with the same decision', async () => {
    const args = ['--today', '2026-03-20', '--no-trace'];
    const list = await warranty('adjudicate', file('claim.json'), '--unit', file('unit.json'), '--preauthorisations', file('preauthorisations-list.json'), ...args);
    const api = await warranty('adjudicate', file('claim.json'), '--unit', file('unit-from-api.json'), '--preauthorisations', file('preauthorisations-api.json'), ...args);
    expect(api.code, api.stderr).toBe(0);
    expect(JSON.parse(api.stdout)).toEqual(JSON.parse(list.stdout));
    expect(JSON.parse(api.stdout).status).toBe('adjusted');
  });

  it('prints a table with --format table: the claim\'s status and totals in yuan, one row per line with its codes', async () => {
    const out = await warranty('adjudicate', file('claim.json'), '--unit', file('unit.json'), '--preauthorisations', file('preauthorisations-list.json'), '--today', '2026-03-20', '--format', 'table');
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('S1-2026-000123 (station S1, unit NEV-0042): adjusted; claimed 68,640.00, approved 68,480.00, deducted 160.00, pending 0.00, held 68,000.00');
    expect(lines.find((l) => l.startsWith('job'))).toMatch(/^job\s+component\s+jobStatus\s+liable\s+line\s+kind\s+status\s+claimed\s+approved\s+codes$/);
    expect(lines.find((l) => l.includes('labour'))).toMatch(/J1\s+traction-battery\s+covered\s+supplier:SUP-BATT-01\s+\S+\s+labour\s+adjusted\s+640\.00\s+480\.00\s+ELH/);
  });
});

describe('progress bars: on a terminal only', () => {
  it('draws a bar on a terminal stream and nothing on a pipe', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream;
    let drawn = '';
    (tty as unknown as PassThrough).on('data', (c: Buffer) => (drawn += c.toString()));
    const bar = progressBar('importing', 4, tty);
    bar.update(4);
    bar.stop();
    expect(drawn).toContain('importing');
    expect(drawn).toContain('4/4');
    const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    let written = '';
    (pipe as unknown as PassThrough).on('data', (c: Buffer) => (written += c.toString()));
    const quiet = progressBar('importing', 4, pipe);
    quiet.update(4);
    quiet.stop();
    expect(written).toBe('');
  });
});

describe('warranty units import and keys (embedded database)', () => {
  it('imports a CSV, reports each rejected row with its file and row, and draws no bar into a pipe', async () => {
    const good = buildNevUnit({ unitId: 'CLI-1', vin: 'LB9BL518XM0000042' });
    await writeFile(file('units.csv'), [
      'unitId,productLine,model,vin,saleDate,region',
      `${good.unitId},nev-special-vehicle,${good.model},${good.vin},2024-01-10,CN-HB`,
      'CLI-2,tractor,X1,,2024-01-10,CN-HB',
      `CLI-3,nev-special-vehicle,${good.model},${good.vin},2024-01-10,CN-HB`,
    ].join('\n'));
    const out = await warranty('units', 'import', file('units.csv'));
    expect(out.stdout).toBe('3 row(s): 1 registered, 2 rejected\n');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${file('units.csv')}: row 2:`);
    expect(out.stderr).toContain(`${file('units.csv')}: row 3: unitId: CLI-3 is already registered`);
    expect(out.stderr).not.toMatch(/importing|\u001b\[/);
  }, 120_000);

  it('creates a dealer key with --station-id, the API\'s name', async () => {
    const created = await warranty('keys', 'create', '--role', 'dealer', '--station-id', 'S9', '--label', 'dms');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('station S9');
    const list = await warranty('keys', 'list');
    expect(list.stdout).toMatch(/\tdealer\tS9\tactive\tdms/);
  }, 120_000);

  it('prints a backtest summary table, with no bar into a pipe', async () => {
    await run('cp', ['-r', path.join(PACKAGE_ROOT, 'rules'), path.join(dir, 'rules')]);
    const out = await warranty('rules', 'backtest', '--draft', dir, '--format', 'table');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe('0 claims re-decided, 0 would change; payout +0.00');
    expect(out.stdout).toMatch(/^transition\s+claims$/m);
    expect(out.stderr).not.toMatch(/re-deciding|\u001b\[/);
  }, 120_000);
});
