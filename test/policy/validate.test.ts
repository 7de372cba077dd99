import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { buildRuleBook, readSourceFiles } from '../../src/rules/rule-book.js';
import { validateFiles, type SourceFile } from '../../src/rules/validation/validate-files.js';
import type { Problem } from '../../src/rules/validation/problem.js';
import { RuleFileError } from '../../src/errors/rule-file-error.js';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { FACT_NAMES } from '../../src/adjudication/job-facts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { EBIKE_POLICY, EBIKE_RULES, NEV_POLICY, NEV_RULES, copyShippedRules, positionIn, replaceOnce, ruleIndex, type WorkingCopy } from './rule-files.js';

// Each mistake a policy owner makes by hand, on a copy of the shipped files: the message they read
// and the line and column their editor jumps to.

const run = promisify(execFile);
const WARRANTY = path.join(PACKAGE_ROOT, 'bin', 'warranty.js');
const OPERATOR_LIST = 'equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, withinDays, withinMonths';

let copy: WorkingCopy;
let shipped: SourceFile[];

/** The working copy's files, named as a policy owner sees them (`rules/…`, `policies/…`). */
async function readCopy(c: WorkingCopy): Promise<SourceFile[]> {
  const files = await readSourceFiles(c.rulesDir, c.policiesDir);
  return files.map((f) => ({ ...f, file: path.relative(c.dir, path.resolve(f.file)) }));
}

/** The files with one edit in one of them, and that file's edited text. */
function withEdit(file: string, from: string, to: string): { files: SourceFile[]; text: string } {
  const original = shipped.find((f) => f.file === file);
  if (!original) throw new Error(`no ${file} in the copy`);
  const text = replaceOnce(original.text, from, to);
  return { files: shipped.map((f) => (f === original ? { ...f, text } : f)), text };
}

const errorsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');
const warningsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'warning');

/** Runs `warranty rules validate` in `cwd`, as a policy owner does in a terminal. */
async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [WARRANTY, 'rules', 'validate', ...args], { cwd });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '' };
  }
}

beforeAll(async () => {
  copy = await copyShippedRules();
  shipped = await readCopy(copy);
});

afterAll(async () => {
  await copy.remove();
});

describe('validating the files as shipped', () => {
  it('finds neither errors nor warnings in the copy of the shipped files', () => {
    expect(shipped.map((f) => f.file).sort()).toEqual([EBIKE_POLICY, NEV_POLICY, EBIKE_RULES, NEV_RULES, 'policies/weighing-equipment/2020-01-01.json', 'rules/weighing-equipment/2020-01-01.json', 'rules/reason-codes.json',
      'policies/e-bike/after-sales/2020-01-01.json', 'policies/nev-special-vehicle/after-sales/2021-01-01.json'].sort());
    expect(validateFiles(shipped).problems).toEqual([]);
  });
});

describe('a broken rule file names the mistake, its line and its column', () => {
  it('reports the operator "equals" at its key, suggesting "equal" and listing every operator', () => {
    const snippet = '{"fact": "category", "operator": "equals", "value": "small-three-electric"}';
    const { files, text } = withEdit(NEV_RULES, '{"fact": "category", "operator": "equal", "value": "small-three-electric"}', snippet);
    const rule = ruleIndex(text, 'nev.term.small-three-electric');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'error',
        file: NEV_RULES,
        ...positionIn(text, snippet, '"operator"'),
        path: `rules[${rule}].conditions.all[0].operator`,
        message: `unknown operator "equals" (did you mean "equal"?); operators: ${OPERATOR_LIST}`,
      },
    ]);
  });

  it('reports an unknown category value at its "value" key, with the category it resembles', () => {
    const snippet = '{"fact": "category", "operator": "equal", "value": "small-three-electrics"}';
    const { files, text } = withEdit(NEV_RULES, '{"fact": "category", "operator": "equal", "value": "small-three-electric"}', snippet);
    const rule = ruleIndex(text, 'nev.term.small-three-electric');
    const problems = validateFiles(files).problems;

    expect(errorsOf(problems)).toEqual([
      {
        severity: 'error',
        file: NEV_RULES,
        ...positionIn(text, snippet, '"value"'),
        path: `rules[${rule}].conditions.all[0].value`,
        message: 'unknown category "small-three-electrics" (did you mean "small-three-electric"?) (not in the nev-special-vehicle policies)',
      },
    ]);
    // The lint sees what follows: the rule is dead and three components lost their term.
    expect(warningsOf(problems).map((p) => p.message)).toEqual([
      'rule nev.term.small-three-electric can never fire: no component and failure mode of the policies satisfies its conditions',
      'gap: no coverage rule names component electric-steering; its claims would pend (WA-NO-TERM)',
      'gap: no coverage rule names component electric-air-compressor; its claims would pend (WA-NO-TERM)',
      'gap: no coverage rule names component dc-charging-unit; its claims would pend (WA-NO-TERM)',
    ]);
  });

  it('reports an unknown component in a rule at the list item that is wrong', () => {
    const snippet = '{"fact": "component", "operator": "in", "value": ["handlbar", "rim", "crank", "chainring"]}';
    const { files, text } = withEdit(EBIKE_RULES, '{"fact": "component", "operator": "in", "value": ["handlebar", "rim", "crank", "chainring"]}', snippet);
    const rule = ruleIndex(text, 'eb.term.plated-parts');

    expect(errorsOf(validateFiles(files).problems)).toEqual([
      {
        severity: 'error',
        file: EBIKE_RULES,
        ...positionIn(text, snippet, '"handlbar"'),
        path: `rules[${rule}].conditions.all[0].value[0]`,
        message: 'unknown component "handlbar" (did you mean "handlebar"?) (not in the e-bike policies)',
      },
    ]);
  });

  it('reports a part of the catalogue whose component the policy does not list', () => {
    const snippet = '"component": "hub-motr",';
    const { files, text } = withEdit(EBIKE_POLICY, '"component": "hub-motor",', snippet);
    const index = (JSON.parse(text) as { parts: Array<{ partNumber: string }> }).parts.findIndex((p) => p.partNumber === 'EB-MOT-350');

    expect(errorsOf(validateFiles(files).problems)).toEqual([
      {
        severity: 'error',
        file: EBIKE_POLICY,
        ...positionIn(text, snippet, '"component"'),
        path: `parts[${index}].component`,
        message: 'unknown component "hub-motr" (did you mean "hub-motor"?); add it to components first',
      },
    ]);
  });

  it('reports a component failure mode that is not one of the line\'s modes at the list item, with the mode it resembles', () => {
    const snippet = '"failureModes": ["gear-breakage", "bearing-shatter",';
    const { files, text } = withEdit(EBIKE_POLICY, '"failureModes": ["gear-breakage", "bearing-shattered",', snippet);
    expect(errorsOf(validateFiles(files).problems)).toEqual([
      {
        severity: 'error',
        file: EBIKE_POLICY,
        ...positionIn(text, snippet, '"bearing-shatter"'),
        path: 'components.hub-motor.failureModes[1]',
        message: 'unknown failure mode "bearing-shatter" (did you mean "bearing-shattered"?); a component\'s modes are taken from the line\'s failureModes',
      },
    ]);
  });

  it('warns about a component that lists no failure modes: claims may name any mode of the line for it', () => {
    const { files } = withEdit(NEV_POLICY, '"electrical": false, "failureModes": ["crack", "deformation", "scratch", "other"] },', '"electrical": false },');
    const warnings = warningsOf(validateFiles(files).problems);
    expect(warnings).toEqual([expect.objectContaining({ file: NEV_POLICY, path: 'components.crane-boom', message: expect.stringContaining('component crane-boom lists no failureModes') })]);
    expect(errorsOf(validateFiles(files).problems)).toEqual([]);
  });

  it('reports a rule set copied without its expiry rule as an error at its rules: out-of-term jobs would be left undecided', () => {
    const expiry = `    {
      "name": "nev.term.expired",
      "priority": 10,
      "conditions": {"all": [{"fact": "coverage", "path": "$.withinTerm", "operator": "equal", "value": false}, {"fact": "comeback", "operator": "equal", "value": false}]},
      "event": {"type": "deny", "params": {"code": "EW"}}
    },
`;
    const { files, text } = withEdit(NEV_RULES, expiry, '');
    const errors = errorsOf(validateFiles(files).problems);
    expect(errors).toEqual([
      expect.objectContaining({ file: NEV_RULES, ...positionIn(text, '"rules": [', '"rules"'), path: 'rules', message: expect.stringContaining('no rule denies a job outside its term: traction-battery / no-charge') }),
    ]);
    expect(errors[0]!.message).toContain('(the core pends it WA-OUT-OF-TERM)');
    expect(errors[0]!.message).toContain('"name": "nev-special-vehicle.term.expired"');
    expect(() => buildRuleBook(files)).toThrow(RuleFileError);
  });

  it('reports an expiry rule narrowed to one region as an error too: elsewhere out-of-term jobs are undecided', () => {
    const { files } = withEdit(NEV_RULES, '"conditions": {"all": [{"fact": "coverage", "path": "$.withinTerm", "operator": "equal", "value": false}, {"fact": "comeback", "operator": "equal", "value": false}]},\n      "event": {"type": "deny", "params": {"code": "EW"}}', '"conditions": {"all": [{"fact": "region", "operator": "equal", "value": "CN-HB"}, {"fact": "coverage", "path": "$.withinTerm", "operator": "equal", "value": false}, {"fact": "comeback", "operator": "equal", "value": false}]},\n      "event": {"type": "deny", "params": {"code": "EW"}}');
    expect(errorsOf(validateFiles(files).problems).map((p) => p.path)).toEqual(['rules']);
  });

  it('reports the fact "categroy" at its key, suggesting "category"', () => {
    const snippet = '{"fact": "categroy", "operator": "equal", "value": "upfit-structure"}';
    const { files, text } = withEdit(NEV_RULES, '{"fact": "category", "operator": "equal", "value": "upfit-structure"}', snippet);
    const rule = ruleIndex(text, 'nev.term.upfit-structure');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'error',
        file: NEV_RULES,
        ...positionIn(text, snippet, '"fact"'),
        path: `rules[${rule}].conditions.all[0].fact`,
        message: `unknown fact "categroy" (did you mean "category"?); facts: ${FACT_NAMES.join(', ')}`,
      },
    ]);
  });

  it('reports a missing comma where the next property starts, and refuses to build the rule book', () => {
    const after = '      "conditions": {"all": [{"fact": "category", "operator": "equal", "value": "whole-vehicle"}]},';
    const snippet = `"priority": 100\n${after}`;
    const { files, text } = withEdit(NEV_RULES, `"priority": 100,\n${after}`, snippet);
    const expected: Problem = { severity: 'error', file: NEV_RULES, ...positionIn(text, snippet, '"conditions"'), path: '', message: 'not valid JSON: a comma is missing' };

    expect(validateFiles(files).problems).toEqual([expected]);
    let thrown: unknown;
    try {
      buildRuleBook(files);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleFileError);
    expect((thrown as RuleFileError).problems).toEqual([expected]);
    expect((thrown as RuleFileError).message).toContain(`${NEV_RULES}:${expected.line}:${expected.column} error: not valid JSON: a comma is missing`);
  });

  it('warns when two term rules can match the same component with different terms', () => {
    const snippet = '{"fact": "category", "operator": "in", "value": ["upfit-structure", "small-three-electric"]}';
    const { files, text } = withEdit(NEV_RULES, '{"fact": "category", "operator": "equal", "value": "upfit-structure"}', snippet);
    const rule = ruleIndex(text, 'nev.term.upfit-structure');
    const conditions = `"conditions": {"all": [${snippet}]}`;

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'warning',
        file: NEV_RULES,
        ...positionIn(text, conditions, '"conditions"'),
        path: `rules[${rule}].conditions`,
        message: 'rules nev.term.small-three-electric and nev.term.upfit-structure can both match electric-steering / no-charge with different terms; make their conditions exclusive',
      },
    ]);
    // A warning does not stop the rule book from loading.
    expect(() => buildRuleBook(files)).not.toThrow();
  });

  it('warns when a rule reads the coverage at a priority the comeback rule has not run at yet', () => {
    const from = '"name": "nev.term.expired",\n      "priority": 10,';
    const { files, text } = withEdit(NEV_RULES, from, '"name": "nev.term.expired",\n      "priority": 50,');
    const rule = ruleIndex(text, 'nev.term.expired');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'warning',
        file: NEV_RULES,
        ...positionIn(text, '"priority": 50,\n      "conditions": {"all": [{"fact": "coverage"', '"priority"'),
        path: `rules[${rule}].priority`,
        message:
          'rule nev.term.expired reads comeback at priority 50, but nev.liability.comeback concludes it at priority 50: a rule only sees what rules of higher priority concluded; give nev.term.expired a lower priority',
      },
    ]);
  });

  it('reports an unknown event type, naming it and the types there are', () => {
    const snippet = '"event": {"type": "pending", "params": {"code": "MRA"}}';
    const { files, text } = withEdit(NEV_RULES, '"event": {"type": "pend", "params": {"code": "MRA"}}', snippet);
    const rule = ruleIndex(text, 'nev.claim.odometer-rollback');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'error',
        file: NEV_RULES,
        ...positionIn(text, snippet, '"type"'),
        path: `rules[${rule}].event.type`,
        message: 'unknown event type "pending"; event types: term, deny, pend, comeback, remedy',
      },
    ]);
  });

  it('reports a reason code missing from reason-codes.json at the code', () => {
    const snippet = '"event": {"type": "pend", "params": {"code": "MRB"}}';
    const { files, text } = withEdit(NEV_RULES, '"event": {"type": "pend", "params": {"code": "MRA"}}', snippet);
    const rule = ruleIndex(text, 'nev.claim.odometer-rollback');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'error',
        file: NEV_RULES,
        ...positionIn(text, snippet, '"code"'),
        path: `rules[${rule}].event.params.code`,
        message: 'unknown reason code "MRB" (did you mean "MRA"?); add it to rules/nev-special-vehicle/reason-codes.json (this line\'s own codes) or rules/reason-codes.json (shared)',
      },
    ]);
  });

  it('reports a named condition that is not defined, listing the ones that are', () => {
    const snippet = '{"condition": "manufacturer-defects"}, {"fact": "daysSincePreviousRepair"';
    const { files, text } = withEdit(NEV_RULES, '{"condition": "manufacturer-defect"}, {"fact": "daysSincePreviousRepair"', snippet);
    const rule = ruleIndex(text, 'nev.liability.comeback');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'error',
        file: NEV_RULES,
        ...positionIn(text, snippet, '"condition"'),
        path: `rules[${rule}].conditions.all[0].condition`,
        message: 'unknown named condition "manufacturer-defects" (did you mean "manufacturer-defect"?); named conditions: manufacturer-defect',
      },
    ]);
  });
});

describe('authoring traps: the message a policy owner reads', () => {
  it('reports a policy price typed 1800.00 at its key with the hint fen: 180000, instead of reading 18.00 yuan', () => {
    const snippet = '"priceFen": 1800.00,';
    const { files, text } = withEdit(EBIKE_POLICY, '"priceFen": 18000,', snippet);
    const index = (JSON.parse(text) as { parts: Array<{ priceFen: number }> }).parts.findIndex((p) => p.priceFen === 1800);
    expect(errorsOf(validateFiles(files).problems)).toEqual([
      {
        severity: 'error',
        file: EBIKE_POLICY,
        ...positionIn(text, snippet, '"priceFen"'),
        path: `parts[${index}].priceFen`,
        message: 'money is an integer number of fen, written without a decimal point: 1800.00 would be read as 1800 fen (18.00 yuan); if you mean 1800.00 yuan, write fen: 180000',
      },
    ]);
  });

  it('reports an invalid policy field alone, without "no policy file" for the rule set of its line', () => {
    const { files } = withEdit(EBIKE_POLICY, '"filingWindowDays": 30,', '"filingWindowDays": "30",');
    const errors = errorsOf(validateFiles(files).problems);
    expect(errors.map((e) => [e.file, e.path])).toEqual([[EBIKE_POLICY, 'filingWindowDays']]);
    expect(errors.some((e) => e.message.includes('no policy file'))).toBe(false);
  });

  it('hints months: 36 for a term written "years": 3', () => {
    const snippet = '"params": {"term": "small-three-electric", "years": 3}';
    const { files, text } = withEdit(NEV_RULES, '"params": {"term": "small-three-electric", "months": 36}', snippet);
    const rule = ruleIndex(text, 'nev.term.small-three-electric');
    expect(errorsOf(validateFiles(files).problems)).toEqual([
      expect.objectContaining({ file: NEV_RULES, path: `rules[${rule}].event.params`, message: expect.stringContaining('unknown key "years"; terms are in months or days: write "months": 36') }),
    ]);
  });

  it('takes reason codes of a line from rules/<line>/reason-codes.json beside the shared catalogue', () => {
    const own = { file: 'rules/e-bike/reason-codes.json', text: JSON.stringify({ 'WA-EB-KICKSTAND': { en: 'Kickstand bent by parking on a slope', zh: '脚撑因坡道停放弯曲' } }), kind: 'reasons' as const };
    const { files } = withEdit(EBIKE_RULES, '"event": {"type": "deny", "params": {"code": "DI", "exclusion": "misuse"}}', '"event": {"type": "deny", "params": {"code": "WA-EB-KICKSTAND", "exclusion": "misuse"}}');
    expect(errorsOf(validateFiles([...files, own]).problems)).toEqual([]);
    expect(buildRuleBook([...files, own]).reasons['WA-EB-KICKSTAND']).toEqual({ en: 'Kickstand bent by parking on a slope', zh: '脚撑因坡道停放弯曲' });
    // Without the line's file the code is unknown, and the message says where to add it.
    expect(errorsOf(validateFiles(files).problems).map((e) => e.message)).toEqual([expect.stringContaining('add it to rules/e-bike/reason-codes.json')]);
  });

  it('refuses a line file that redefines a shared code', () => {
    const own = { file: 'rules/e-bike/reason-codes.json', text: JSON.stringify({ EW: { en: 'expired', zh: '过期' } }), kind: 'reasons' as const };
    expect(errorsOf(validateFiles([...shipped, own]).problems).map((e) => [e.file, e.path])).toEqual([['rules/e-bike/reason-codes.json', 'EW']]);
  });
});

describe('two versions of one rule set', () => {
  const NEXT = 'rules/nev-special-vehicle/2026-01-01.json';
  const OPEN = '"effective": {"from": "2021-01-01", "to": null}';

  /** The shipped version closed on `to` (or left open), plus a 2026-01-01 version from 2026-01-01 on. */
  function twoVersions(to: string | null): { files: SourceFile[]; next: string } {
    const current = withEdit(NEV_RULES, OPEN, `"effective": {"from": "2021-01-01", "to": ${to === null ? 'null' : `"${to}"`}}`);
    const next = replaceOnce(replaceOnce(current.text, '"version": "2021-01-01"', '"version": "2026-01-01"'), `"from": "2021-01-01", "to": ${to === null ? 'null' : `"${to}"`}`, '"from": "2026-01-01", "to": null');
    return { files: [...current.files, { file: NEXT, text: next, kind: 'rule-set' }], next };
  }

  it('warns on the later version when the effective windows overlap', () => {
    const { files, next } = twoVersions('2026-06-01');

    expect(validateFiles(files).problems).toEqual([
      {
        severity: 'warning',
        file: NEXT,
        ...positionIn(next, '"effective": {"from": "2026-01-01", "to": null}', '"effective"'),
        path: 'effective',
        message: 'rule set nev-special-vehicle versions 2021-01-01 and 2026-01-01 have overlapping effective windows; the later "from" wins on the overlap — close the earlier window with "to"',
      },
    ]);
  });

  it('accepts the earlier window closed on the day the later one opens', () => {
    expect(validateFiles(twoVersions('2026-01-01').files).problems).toEqual([]);
  });
});

describe('warranty rules validate <dir>', () => {
  it('exits 1 and prints file:line:column of an error', async () => {
    const broken = await copyShippedRules();
    try {
      const snippet = '{"fact": "category", "operator": "equals", "value": "small-three-electric"}';
      const text = await broken.edit(NEV_RULES, '{"fact": "category", "operator": "equal", "value": "small-three-electric"}', snippet);
      const { line, column } = positionIn(text, snippet, '"operator"');

      const { code, stdout } = await cli(broken.dir, '.');

      expect(code).toBe(1);
      expect(stdout).toContain(`${NEV_RULES}:${line}:${column} error: unknown operator "equals" (did you mean "equal"?)`);
      expect(stdout).toContain(': 1 error(s), 0 warning(s)');
    } finally {
      await broken.remove();
    }
  }, 60_000);

  it('exits 1 on a copy of the e-bike rules without eb.term.expired, naming file:line:column', async () => {
    const broken = await copyShippedRules();
    try {
      const text = await broken.read(EBIKE_RULES);
      const set = JSON.parse(text) as { rules: Array<{ name: string }> };
      const without = JSON.stringify({ ...set, rules: set.rules.filter((r) => r.name !== 'eb.term.expired') }, null, 2);
      await broken.write(EBIKE_RULES, without);
      const { line, column } = positionIn(without, '"rules": [', '"rules"');
      const { code, stdout } = await cli(broken.dir, '.', '--strict');
      expect(code).toBe(1);
      expect(stdout).toContain(`${EBIKE_RULES}:${line}:${column} error: no rule denies a job outside its term`);
    } finally {
      await broken.remove();
    }
  }, 60_000);

  it('passes an overlapping term as a warning, and fails it with --strict', async () => {
    const overlapping = await copyShippedRules();
    try {
      const snippet = '{"fact": "category", "operator": "in", "value": ["upfit-structure", "small-three-electric"]}';
      const text = await overlapping.edit(NEV_RULES, '{"fact": "category", "operator": "equal", "value": "upfit-structure"}', snippet);
      const { line, column } = positionIn(text, `"conditions": {"all": [${snippet}]}`, '"conditions"');
      const printed = `${NEV_RULES}:${line}:${column} warning: rules nev.term.small-three-electric and nev.term.upfit-structure can both match electric-steering / no-charge with different terms`;

      const lenient = await cli(overlapping.dir, '.');
      expect(lenient.code).toBe(0);
      expect(lenient.stdout).toContain(printed);

      const strict = await cli(overlapping.dir, '.', '--strict');
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain(printed);

      const json = await cli(overlapping.dir, '.', '--json');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ problems: [expect.objectContaining({ severity: 'warning', file: NEV_RULES, line, column })] });
    } finally {
      await overlapping.remove();
    }
  }, 60_000);
});

describe('POST /v1/rulesets/validate', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ rulesDir: copy.rulesDir, policiesDir: copy.policiesDir });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 200 valid: false with the line and column of a draft missing a comma', async () => {
    const original = shipped.find((f) => f.file === NEV_RULES)!.text;
    const after = '      "conditions": {"all": [{"fact": "category", "operator": "equal", "value": "whole-vehicle"}]},';
    const snippet = `"priority": 100\n${after}`;
    const text = replaceOnce(original, `"priority": 100,\n${after}`, snippet);

    const res = await request(t.app).post('/v1/rulesets/validate').set(t.auth.policyOwner).send({ files: [{ path: NEV_RULES, text }] });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: false,
      errors: 1,
      warnings: 0,
      problems: [{ severity: 'error', file: NEV_RULES, ...positionIn(text, snippet, '"conditions"'), path: '', message: 'not valid JSON: a comma is missing' }],
    });
  });

  it('checks a draft given as JSON content against the policies in force', async () => {
    const draft = JSON.parse(shipped.find((f) => f.file === EBIKE_RULES)!.text) as { rules: Array<{ name: string; event: { params: Record<string, unknown> } }> };
    const rule = draft.rules.findIndex((r) => r.name === 'eb.exclusion.misuse');
    draft.rules[rule]!.event.params.code = 'DII';

    const res = await request(t.app).post('/v1/rulesets/validate').set(t.auth.policyOwner).send({ files: [{ path: EBIKE_RULES, content: draft }] });

    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: EBIKE_RULES, path: `rules[${rule}].event.params.code`, message: 'unknown reason code "DII" (did you mean "DI"?); add it to rules/e-bike/reason-codes.json (this line\'s own codes) or rules/reason-codes.json (shared)', line: expect.any(Number), column: expect.any(Number) }),
    ]);
  });

  it('answers valid: true for an unchanged draft', async () => {
    const res = await request(t.app).post('/v1/rulesets/validate').set(t.auth.policyOwner).send({ files: [{ path: NEV_RULES, text: shipped.find((f) => f.file === NEV_RULES)!.text }] });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, errors: 0, warnings: 0, problems: [] });
  });

  it('validates a draft alone with overlay: false, so a rule set without its policy is an error', async () => {
    const text = shipped.find((f) => f.file === NEV_RULES)!.text;

    const res = await request(t.app).post('/v1/rulesets/validate').set(t.auth.policyOwner).send({ files: [{ path: NEV_RULES, text }], overlay: false });

    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.problems.map((p: Problem) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
      'rules/reason-codes.json:1:1 the reason-code catalogue is missing',
      `${NEV_RULES}:${positionIn(text, '"productLine"').line}:${positionIn(text, '"productLine"').column} no policy file for product line nev-special-vehicle: add policies/nev-special-vehicle/<version>.json`,
    ]);
  });

  it('is for policy owners only: an auditor gets 403', async () => {
    const res = await request(t.app).post('/v1/rulesets/validate').set(t.auth.auditor).send({ files: [{ path: NEV_RULES, text: '{}' }] });

    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a draft path outside rules/ and policies/ with 400', async () => {
    const res = await request(t.app).post('/v1/rulesets/validate').set(t.auth.policyOwner).send({ files: [{ path: '../etc/passwd.json', text: '{}' }] });

    expect(res.status).toBe(400);
  });
});
