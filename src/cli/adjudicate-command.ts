import { Option, type Command } from 'commander';
import { z } from '../zod.js';
import { claimSchema } from '../claims/claim-schema.js';
import { unitSchema } from '../units/unit-schema.js';
import { adjudicate } from '../adjudication/adjudicate.js';
import type { Decision } from '../adjudication/decision.js';
import { historySchema, type HistoryEntry } from '../adjudication/history.js';
import { loadRuleBook } from '../rules/rule-book.js';
import { defaultPoliciesDir, defaultRulesDir } from '../config/paths.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { preAuthorisationSchema } from '../preauthorisations/preauthorisation-schema.js';
import { isoDate, oneOf, readJsonFile, requireDirectory } from './cli-input.js';
import { formatTable, yuan } from './table.js';

/** What `GET /v1/preauthorisations` answers (`{ items }`), or the bare list. */
const itemsOf = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) && 'items' in value ? (value as { items: unknown }).items : value);

/** What `GET /v1/units/{unitId}` answers (the unit and its `claims`), or the bare unit. */
const unitWithClaims = (value: unknown): { unit: unknown; claims: unknown } => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('claims' in value)) return { unit: value, claims: undefined };
  const { claims, ...unit } = value as Record<string, unknown>;
  return { unit, claims };
};

/** A decision as a table: the claim's status and totals, then one row per line. */
export function decisionTable(decision: Omit<Decision, 'trace'>): string {
  const head = `${decision.claimNumber} (station ${decision.stationId}, unit ${decision.unitId ?? '-'}): ${decision.status}; claimed ${yuan(decision.totals.claimedFen)}, approved ${yuan(decision.totals.approvedFen)}, deducted ${yuan(decision.totals.deductedFen)}, pending ${yuan(decision.totals.pendingFen)}, held ${yuan(decision.totals.heldFen)}\n`;
  const reasons = decision.reasons.map((r) => `  ${r.code}: ${r.message.en}\n`).join('');
  const rows = decision.jobs.flatMap((job) =>
    job.lines.map((line) => ({
      job: job.jobId,
      component: job.component,
      jobStatus: job.status,
      liable: `${job.liableParty.type}${job.liableParty.id ? `:${job.liableParty.id}` : ''}`,
      line: line.lineId,
      kind: line.kind,
      status: line.status,
      claimed: yuan(line.claimedFen),
      approved: yuan(line.approvedFen),
      codes: [...new Set([...job.reasons.map((r) => r.code), ...line.adjustments.map((a) => a.code)])].join(' '),
    })),
  );
  return head + reasons + formatTable(rows);
}

export function addAdjudicateCommand(program: Command): void {
  program
    .command('adjudicate')
    .description('decide one claim and print the decision (JSON, or a table)')
    .argument('<claim>', 'claim JSON file (SPEC §13; what POST /v1/claims takes)')
    .requiredOption('--unit <file>', 'the unit JSON file (a unit, or what GET /v1/units/{unitId} answers: its claims are the history)')
    .option('--history <file>', 'JSON array of the unit\'s earlier claims')
    .option('--preauthorisations <file>', 'the pre-authorisations the claim refers to: what GET /v1/preauthorisations answers ({ items }) or a bare list')
    .option('--today <date>', 'today, YYYY-MM-DD (default: today in the policy zone)', isoDate)
    .option('--rules <dir>', 'rules directory', defaultRulesDir())
    .option('--policies <dir>', 'policies directory', defaultPoliciesDir())
    .option('--no-trace', 'leave the rule trace out')
    .addOption(new Option('--format <format>', 'json or table').argParser(oneOf('json', 'table')).default('json'))
    .action(async (claimFile: string, opts: { unit: string; history?: string; preauthorisations?: string; today?: string; rules: string; policies: string; trace: boolean; format: 'json' | 'table' }) => {
      const ruleBook = await loadRuleBook(requireDirectory(opts.rules, 'rules (--rules, RULES_DIR)'), requireDirectory(opts.policies, 'policies (--policies, POLICIES_DIR)'));
      const claim = await readJsonFile(claimFile, claimSchema, 'claim');
      let embeddedHistory: unknown;
      const unit = await readJsonFile(opts.unit, unitSchema, 'unit', (value) => {
        const { unit: bare, claims } = unitWithClaims(value);
        embeddedHistory = claims;
        return bare;
      });
      const history: HistoryEntry[] = opts.history
        ? await readJsonFile(opts.history, historySchema, 'history')
        : embeddedHistory !== undefined
          ? historySchema.parse(embeddedHistory)
          : [];
      const zone = ruleBook.policyAt(unit.productLine, unit.saleDate)?.file.timeZone ?? 'Asia/Shanghai';
      const today = opts.today ?? todayIn(zone, new Date());
      const preAuthorisations = opts.preauthorisations ? await readJsonFile(opts.preauthorisations, z.array(preAuthorisationSchema), 'pre-authorisation list', itemsOf) : [];
      const decision = await adjudicate({ claim, unit, history, ruleBook, today, trace: opts.trace, preAuthorisations });
      const { trace, ...withoutTrace } = decision;
      if (opts.format === 'table') process.stdout.write(decisionTable(withoutTrace));
      else process.stdout.write(JSON.stringify(opts.trace ? { ...withoutTrace, trace } : withoutTrace, null, 2) + '\n');
    });
}
