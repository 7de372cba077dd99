import { Option, type Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';
import { KeyStore } from '../keys/key-store.js';
import { ROLES, type Role } from '../auth/principal.js';
import type { Db } from '../db/db.js';
import { UnitStore } from '../units/unit-store.js';
import { parseUnitImport } from '../units/unit-import.js';
import { loadRuleBook } from '../rules/rule-book.js';
import { AppError } from '../errors/app-error.js';
import { CliError, oneOf, positiveInteger, readText, requireDirectory } from './cli-input.js';
import { progressBar } from './progress.js';

async function withDatabase<T>(fn: (db: Db) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const db = await openDatabase({ ...loadConfig(), ...options });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** `serve`, `migrate` and `keys`: the commands that work on the service's database (PostgreSQL, or the embedded one while the service is stopped). */
export function addServiceCommands(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP service (PORT, DATABASE_URL or DATA_DIR, BOOTSTRAP_ADMIN_KEY)')
    .action(async () => {
      const { startServer, createLogger, exitOnSignals } = await import('../server.js');
      const config = loadConfig();
      const { stop } = await startServer(config, createLogger(config));
      exitOnSignals(stop);
    });

  program
    .command('migrate')
    .description('apply the numbered SQL migrations')
    .action(async () => {
      const applied = await withDatabase((db) => migrate(db), { migrate: false });
      process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n');
    });

  const keys = program.command('keys').description('API keys');
  keys
    .command('create')
    .description('create an API key and print it once')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--station-id <stationId>', 'the station a dealer key belongs to (stationId, as in the API)')
    .addOption(new Option('--station <stationId>', 'the former name of --station-id').hideHelp())
    .option('--label <text>', 'what the key is for')
    .action(async (opts: { role: string; stationId?: string; station?: string; label?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
      const stationId = opts.stationId ?? opts.station;
      if (opts.role === 'dealer' && !stationId) throw new CliError('a dealer key needs --station-id');
      const created = await withDatabase((db) => new KeyStore(db).create(opts.role as Role, stationId ?? null, opts.label ?? null));
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`key ${created.id} (${created.role}${created.stationId ? `, station ${created.stationId}` : ''}) created; it is shown once\n`);
    });
  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .action(async () => {
      const list = await withDatabase((db) => new KeyStore(db).list());
      for (const k of list) process.stdout.write(`${k.id}\t${k.fingerprint}\t${k.role}\t${k.stationId ?? '-'}\t${k.revoked ? 'revoked' : 'active'}\t${k.label ?? ''}\n`);
    });
  keys
    .command('revoke')
    .argument('<id>', 'key id from `keys list`', positiveInteger)
    .action(async (id: number) => {
      const done = await withDatabase((db) => new KeyStore(db).revoke(id));
      if (!done) throw new CliError(`no active key ${id}`);
      process.stdout.write(`key ${id} revoked\n`);
    });

  const units = program.command('units').description('the unit registry');
  units
    .command('import')
    .description('register units from a CSV file (header row) or JSON lines, with a report of each rejected row (what POST /v1/units/import does)')
    .argument('<file>', 'a .csv or .jsonl file')
    .addOption(new Option('--format <format>', 'csv or jsonl (default: from the file name)').argParser(oneOf('csv', 'jsonl')))
    .action(async (file: string, opts: { format?: 'csv' | 'jsonl' }) => {
      const config = loadConfig();
      const format = opts.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
      let rows;
      try {
        rows = parseUnitImport(await readText(file, 'unit import'), format);
      } catch (error) {
        if (error instanceof AppError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
      const productLines = (await loadRuleBook(requireDirectory(config.rulesDir, 'rules (RULES_DIR)'), requireDirectory(config.policiesDir, 'policies (POLICIES_DIR)'))).productLines;
      const rejected: string[] = [];
      let created = 0;
      await withDatabase(async (db) => {
        const store = new UnitStore(db);
        const progress = progressBar('importing', rows.length);
        for (const [i, row] of rows.entries()) {
          if (!row.unit) rejected.push(`${file}: row ${row.row}: ${(row.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ')}`);
          else if (!productLines.includes(row.unit.productLine)) rejected.push(`${file}: row ${row.row}: productLine: unknown product line ${row.unit.productLine}; known: ${productLines.join(', ')}`);
          else if (await store.insert(row.unit)) created += 1;
          else rejected.push(`${file}: row ${row.row}: unitId: ${row.unit.unitId} is already registered (unitId, VIN, frame serial or serial number)`);
          progress.update(i + 1);
        }
        progress.stop();
      });
      for (const line of rejected) process.stderr.write(line + '\n');
      process.stdout.write(`${rows.length} row(s): ${created} registered, ${rejected.length} rejected\n`);
      if (rejected.length > 0) process.exitCode = 1;
    });
}
