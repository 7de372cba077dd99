// Profiling aid (node --cpu-prof --import tsx bench/prof-backtest.ts): the backtest of the bench's draft on this thread, over a period.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultPoliciesDir, defaultRulesDir } from '../src/config/paths.js';
import { loadRuleBook } from '../src/rules/rule-book.js';
import { createPgDb } from '../src/db/pg-db.js';
import { BacktestSource } from '../src/backtest/backtest-source.js';
import { runBacktest } from '../src/backtest/backtest.js';

const book = await loadRuleBook(defaultRulesDir(), defaultPoliciesDir());
const dir = await mkdtemp(path.join(tmpdir(), 'draft-'));
await cp(defaultRulesDir(), path.join(dir, 'rules'), { recursive: true });
const file = path.join(dir, 'rules', 'nev-special-vehicle', '2021-01-01.json');
await writeFile(file, (await readFile(file, 'utf8')).replace('"term": "small-three-electric", "months": 36}', '"term": "small-three-electric", "months": 48}'));
const draft = await loadRuleBook(path.join(dir, 'rules'), defaultPoliciesDir());
const db = createPgDb(process.env.DATABASE_URL!, { schema: 'backtest_bench', max: 4 });
const cpu0 = process.cpuUsage();
const report = await runBacktest(new BacktestSource(db), draft, { to: process.argv[2] ?? '2022-03-31' }, book, { workers: 0 });
const cpu = process.cpuUsage(cpu0);
console.log(report.claims, report.changed, ((cpu.user + cpu.system) / 1e6).toFixed(2), 's CPU', ((cpu.user + cpu.system) / 1e3 / report.claims).toFixed(3), 'ms/claim');
await db.close();
