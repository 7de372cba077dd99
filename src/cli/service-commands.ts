import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/open-database.js';
import { migrate } from '../db/migrate.js';
import { KeyStore } from '../keys/key-store.js';
import { ROLES, type Role } from '../auth/principal.js';
import type { Db } from '../db/db.js';

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
    .option('--station <stationId>', 'the station a dealer key belongs to')
    .option('--label <text>', 'what the key is for')
    .action(async (opts: { role: string; station?: string; label?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      if (opts.role === 'dealer' && !opts.station) throw new Error('a dealer key needs --station');
      const created = await withDatabase((db) => new KeyStore(db).create(opts.role as Role, opts.station ?? null, opts.label ?? null));
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
    .argument('<id>', 'key id from `keys list`')
    .action(async (id: string) => {
      const done = await withDatabase((db) => new KeyStore(db).revoke(Number(id)));
      if (!done) throw new Error(`no active key ${id}`);
      process.stdout.write(`key ${id} revoked\n`);
    });
}
