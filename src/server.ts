import http, { type Server } from 'node:http';
import net from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app/create-app.js';
import { loadConfig, type Config } from './config/config.js';
import { boundHeapGrowth } from './config/heap-growth.js';
import { openDatabase } from './db/open-database.js';
import { loadRuleBook } from './rules/rule-book.js';
import { RuleBookHolder } from './rulesets/rule-book-holder.js';
import { RuleSetStore } from './rulesets/rule-set-store.js';
import { bootstrapAdminKey } from './keys/bootstrap-admin-key.js';
import { loadDemoUnits } from './units/demo-units.js';

/** The service's logger: API keys in Authorization headers are redacted from every line. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  const options = { level: config.logLevel, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

export interface RunningServer {
  server: Server;
  /** Graceful, bounded stop; resolves with `forced: true` when SHUTDOWN_TIMEOUT cut connections still busy. */
  stop: () => Promise<{ forced: boolean }>;
}

/** Reads config, builds the real dependencies, listens, and shuts down cleanly and in bounded time on SIGTERM/SIGINT. */
export async function startServer(config: Config = loadConfig(), logger: Logger = createLogger(config)): Promise<RunningServer> {
  boundHeapGrowth(config.heapGrowingPercent);
  const ruleBook = await loadRuleBook(config.rulesDir, config.policiesDir, { evaluator: config.ruleEvaluator });
  logger.info({ ruleSets: ruleBook.ruleSets.map((r) => `${r.file.id}@${r.file.version}`), evaluator: ruleBook.evaluator }, 'rule book loaded');
  const db = await openDatabase({ ...config, logger });
  logger.info({ database: db.kind, ...(db.kind === 'embedded' ? { dataDir: config.dataDir } : {}) }, 'database ready');
  await bootstrapAdminKey(db, config.dataDir, config.bootstrapAdminKey, logger);
  if (config.demoUnits) await loadDemoUnits(db, config.demoUnitsFile, logger);

  const rules = new RuleBookHolder(ruleBook, config.rulesDir, config.policiesDir, logger);
  const versions = new RuleSetStore(db);
  await versions.record(ruleBook);
  rules.onReload((book) => versions.record(book));
  if (config.watchRules) rules.watchFiles();

  const app = createApp({ db, rules, clock: () => new Date(), logger, bodyLimit: config.bodyLimit, corsOrigins: config.corsOrigins, consoleSessionMinutes: config.consoleSessionMinutes, ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }) });
  let draining = false;
  const inFlight = new Set<http.ServerResponse>();
  // Per connection: requests being answered and since when it has been idle (for the drain below).
  const sockets = new Map<net.Socket, { busy: number; idleSince: number }>();
  const server = http.createServer((req, res) => {
    // While draining, every response ends its connection, so a keep-alive client sends nothing more here.
    if (draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    const socket = sockets.get(req.socket);
    if (socket) socket.busy += 1;
    res.on('close', () => {
      inFlight.delete(res);
      if (socket) {
        socket.busy -= 1;
        socket.idleSince = Date.now();
      }
    });
    app(req, res);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.set(socket, { busy: 0, idleSince: Date.now() });
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  logger.info({ address }, `listening on http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`);

  let stopping: Promise<{ forced: boolean }> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      logger.info({ timeoutSeconds: config.shutdownTimeoutSeconds }, 'shutting down: no new connections; finishing in-flight requests');
      // Stop listening only: http's own close() would also drop idle keep-alive sockets at once, racing a
      // client that is sending its next request on one. Instead, each response from now on says
      // `Connection: close`, and a socket is closed only once it has been idle for a while — a client
      // using it would have sent its next request by then. The check runs in setImmediate, after the
      // event loop's poll phase: a request that arrived while the loop was busy (the embedded database
      // runs in it) has been read and counts as busy, so it is answered, not reset.
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      const quietMs = Math.min(1_000, (config.shutdownTimeoutSeconds * 1000) / 4);
      const idle = setInterval(
        () =>
          setImmediate(() => {
            const now = Date.now();
            for (const [socket, state] of sockets) if (state.busy === 0 && now - state.idleSince >= quietMs) socket.destroy();
          }),
        Math.max(50, quietMs / 4),
      );
      let forced = false;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          forced = true;
          resolve();
        }, config.shutdownTimeoutSeconds * 1000);
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
      clearInterval(idle);
      if (forced) {
        logger.warn({ requests: inFlight.size }, `shutdown timeout (${config.shutdownTimeoutSeconds} s): closing the connections still busy`);
        server.closeAllConnections();
      }
      rules.close();
      // Every accepted request has answered (or been cut): the database's own queue is empty, close it.
      await db.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the database'));
      logger.info({ forced }, 'stopped');
      return { forced };
    })());
  return { server, stop };
}

/** SIGTERM/SIGINT stop the server gracefully; the process exits 0, or 1 when the timeout had to cut requests. */
export function exitOnSignals(stop: RunningServer['stop']): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop().then(({ forced }) => process.exit(forced ? 1 : 0)));
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const config = loadConfig();
  const logger = createLogger(config);
  startServer(config, logger)
    .then(({ stop }) => exitOnSignals(stop))
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'could not start');
      process.exit(1);
    });
}
