import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { loadRuleBook } from '../rules/rule-book.js';
import { LifecycleService } from '../lifecycle/lifecycle-service.js';
import { todayIn } from '../terms/term-arithmetic.js';
import type { Principal } from '../auth/principal.js';
import { isoDate } from './cli-input.js';

/** The settlement jobs an operator runs (from cron, say): `settle expire-returns`. */
export function addSettleCommands(program: Command): void {
  const settle = program.command('settle').description('settlement jobs');
  settle
    .command('expire-returns')
    .description('deny PNR every held line whose old part was not returned by its deadline (safe to run again)')
    .option('--today <date>', 'today, YYYY-MM-DD (default: today in the policy zone)', isoDate)
    .action(async (opts: { today?: string }) => {
      const config = loadConfig();
      const ruleBook = await loadRuleBook(config.rulesDir, config.policiesDir);
      const db = await openDatabase(config);
      try {
        const today = opts.today ?? todayIn(ruleBook.policies[0]?.file.timeZone ?? 'UTC', new Date());
        const operator: Principal = { keyId: 0, role: 'auditor', stationId: null, label: 'cli: settle expire-returns' };
        const expired = await new LifecycleService({ db, ruleBook: () => ruleBook, clock: () => new Date() }).expireReturns(today, operator);
        for (const e of expired) process.stdout.write(`${e.stationId}\t${e.claimNumber}\tv${e.decisionVersion}\tPNR ${e.lines.join(' ')}\n`);
        process.stdout.write(`${expired.length} claim(s) with parts not returned by ${today}\n`);
      } finally {
        await db.close();
      }
    });
}
