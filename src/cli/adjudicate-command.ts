import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from '../zod.js';
import { claimSchema } from '../claims/claim-schema.js';
import { unitSchema } from '../units/unit-schema.js';
import { adjudicate } from '../adjudication/adjudicate.js';
import { historySchema, type HistoryEntry } from '../adjudication/history.js';
import { loadRuleBook } from '../rules/rule-book.js';
import { defaultPoliciesDir, defaultRulesDir } from '../config/paths.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { preAuthorisationSchema } from '../preauthorisations/preauthorisation-schema.js';


async function readJson<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T> {
  const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${what} ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${file} is not a valid ${what}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function addAdjudicateCommand(program: Command): void {
  program
    .command('adjudicate')
    .description('decide one claim and print the decision as JSON')
    .argument('<claim>', 'claim JSON file (SPEC §13)')
    .requiredOption('--unit <file>', 'the unit record JSON file')
    .option('--history <file>', 'JSON array of the unit\'s earlier claims')
    .option('--preauthorisations <file>', 'JSON array of the pre-authorisations the claim refers to')
    .option('--today <date>', 'today, YYYY-MM-DD (default: today in the policy zone)')
    .option('--rules <dir>', 'rules directory', defaultRulesDir())
    .option('--policies <dir>', 'policies directory', defaultPoliciesDir())
    .option('--no-trace', 'leave the rule trace out')
    .action(async (claimFile: string, opts: { unit: string; history?: string; preauthorisations?: string; today?: string; rules: string; policies: string; trace: boolean }) => {
      const ruleBook = await loadRuleBook(opts.rules, opts.policies);
      const claim = await readJson(claimFile, claimSchema, 'claim');
      const unit = await readJson(opts.unit, unitSchema, 'unit');
      const history: HistoryEntry[] = opts.history ? await readJson(opts.history, historySchema, 'history') : [];
      const zone = ruleBook.policyAt(unit.productLine, unit.saleDate)?.file.timeZone ?? 'Asia/Shanghai';
      const today = opts.today ?? todayIn(zone, new Date());
      const preAuthorisations = opts.preauthorisations ? await readJson(opts.preauthorisations, z.array(preAuthorisationSchema), 'pre-authorisation list') : [];
      const decision = await adjudicate({ claim, unit, history, ruleBook, today, trace: opts.trace, preAuthorisations });
      process.stdout.write(JSON.stringify(decision, null, 2) + '\n');
    });
}
