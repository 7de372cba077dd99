import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { createApp } from './app/create-app.js';
import { loadConfig, type Config } from './config/config.js';
import { openDatabase } from './db/open-database.js';
import { loadRuleBook } from './rules/rule-book.js';
import { RuleBookHolder } from './rulesets/rule-book-holder.js';
import { RuleSetStore } from './rulesets/rule-set-store.js';
import { bootstrapAdminKey } from './keys/bootstrap-admin-key.js';
import { loadDemoUnits } from './units/demo-units.js';

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: { paths: ['req.headers.authorization'], censor: '[redacted]' } });
}

/** Reads config, builds the real dependencies, listens, and shuts down cleanly on SIGTERM/SIGINT. */
export async function startServer(config: Config = loadConfig(), logger: Logger = createLogger(config)): Promise<{ server: Server; stop: () => Promise<void> }> {
  const ruleBook = await loadRuleBook(config.rulesDir, config.policiesDir, { evaluator: config.ruleEvaluator });
  logger.info({ ruleSets: ruleBook.ruleSets.map((r) => `${r.file.id}@${r.file.version}`), evaluator: ruleBook.evaluator }, 'rule book loaded');
  const db = await openDatabase(config);
  logger.info({ database: db.kind, ...(db.kind === 'embedded' ? { dataDir: config.dataDir } : {}) }, 'database ready');
  await bootstrapAdminKey(db, config.dataDir, config.bootstrapAdminKey, logger);
  if (config.demoUnits) await loadDemoUnits(db, config.demoUnitsFile, logger);

  const rules = new RuleBookHolder(ruleBook, config.rulesDir, config.policiesDir, logger);
  const versions = new RuleSetStore(db);
  await versions.record(ruleBook);
  rules.onReload((book) => versions.record(book));
  if (config.watchRules) rules.watchFiles();

  const app = createApp({ db, rules, clock: () => new Date(), logger, bodyLimit: config.bodyLimit, corsOrigins: config.corsOrigins });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  logger.info({ address }, `listening on http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`);

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections(); // keep-alive sockets with no request in flight
      await closed;
      rules.close();
      await db.close();
      logger.info('stopped');
    })());
  return { server, stop };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const config = loadConfig();
  const logger = createLogger(config);
  startServer(config, logger)
    .then(({ stop }) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => void stop().then(() => process.exit(0)));
      }
    })
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'could not start');
      process.exit(1);
    });
}
