import { createHash } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import cors from 'cors';
import type { Logger } from 'pino';
import type { Db } from '../db/db.js';
import type { RuleBookHolder } from '../rulesets/rule-book-holder.js';
import { RuleSetStore } from '../rulesets/rule-set-store.js';
import { ruleSetRoutes } from '../rulesets/rule-set-routes.js';
import { backtestRoutes } from '../backtest/backtest-routes.js';
import { LifecycleService } from '../lifecycle/lifecycle-service.js';
import { lifecycleRoutes } from '../lifecycle/lifecycle-routes.js';
import { SettlementService } from '../settlement/settlement-service.js';
import { settlementRoutes } from '../settlement/settlement-routes.js';
import { KeyStore } from '../keys/key-store.js';
import { authenticate } from '../auth/authenticate.js';
import { AuditStore } from '../audit/audit-store.js';
import { auditWrites } from '../audit/audit-writes.js';
import { auditRoutes } from '../audit/audit-routes.js';
import { failedAuthLimiter, type FailedAuthLimit } from '../auth/failed-auth-limiter.js';
import { problemHandler, sendProblem } from './problem.js';
import { rejectUnsafeText } from '../errors/reject-unsafe-text.js';
import { translateErrors } from '../errors/translate-errors.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/database-errors.js';
import { buildOpenApiDocument } from './openapi.js';
import { mountDocsPage } from './docs-page.js';
import { allowedMethods, routeTemplates, routesOf } from './route-table.js';
import { createMetrics } from '../metrics/metrics.js';
import { accessLog } from './access-log.js';
import { strictQuery } from './strict-query.js';
import { unitRoutes } from '../units/unit-routes.js';
import { claimRoutes } from '../claims/claim-routes.js';
import { ClaimService } from '../claims/claim-service.js';
import { eligibilityRoutes } from '../eligibility/eligibility-routes.js';
import { keyRoutes } from '../keys/key-routes.js';
import { preAuthorisationRoutes } from '../preauthorisations/preauthorisation-routes.js';
import { productLineRoutes } from '../product-lines/product-line-routes.js';
import { ConsoleSessionStore } from '../console/console-session-store.js';
import { consoleSession } from '../console/console-session.js';
import { consoleSessionRoutes } from '../console/console-session-routes.js';
import { mountConsole } from '../console/console-static.js';
import { UnitLookup } from '../units/unit-lookup.js';
import { afterSalesRoutes, afterSalesLookupsOf } from '../after-sales/after-sales-routes.js';
import { campaignRoutes } from '../campaigns/campaign-routes.js';
import { CampaignService } from '../campaigns/campaign-service.js';

export interface AppDeps {
  db: Db;
  /** The rule book in force, its reload and its files. */
  rules: RuleBookHolder;
  clock: () => Date;
  logger: Logger;
  bodyLimit?: string;
  /** Failed authentications per client address and window before 429 (default 30 a minute). */
  authRateLimit?: FailedAuthLimit;
  /** Browser origins allowed to call the API (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** How long a web console session lasts (CONSOLE_SESSION_MINUTES; default 480). */
  consoleSessionMinutes?: number;
  /** express's `trust proxy` (TRUST_PROXY): behind a TLS-ending proxy the session cookie is Secure. */
  trustProxy?: boolean | number | string;
}

/**
 * Claim reads carry an ETag of their body; a client that sends it back in If-None-Match gets a 304
 * with no body while the claim has no new decision (express's res.send answers 304 when fresh).
 */
const claimReadEtag: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || req.path !== '/') return next();
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    if (res.statusCode === 200) res.setHeader('ETag', `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}"`);
    return json(body);
  };
  next();
};

/** The one place that wires the HTTP app; tests call it with an embedded database. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  let templateOf: ((method: string, path: string) => string | null) | null = null;
  const metrics = createMetrics({ db: deps.db, rules: deps.rules, routeOf: (method, path) => templateOf?.(method, path) ?? null });
  app.use(metrics.middleware);
  app.use(accessLog(deps.logger));
  // CORS before authentication: a preflight carries no key and must not get a 401.
  const origins = new Set(deps.corsOrigins ?? []);
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && origins.has(origin)),
      allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'x-request-id', 'traceparent'],
      exposedHeaders: ['x-request-id', 'traceparent', 'ETag', 'Location', 'Allow'],
      maxAge: 600,
    }),
  );
  // A preflight from an origin not on the list ends here too, with no CORS headers: the browser refuses it.
  app.use((req, res, next) => (req.method === 'OPTIONS' && req.headers['access-control-request-method'] ? void res.status(204).end() : next()));
  app.use(express.json({ limit: deps.bodyLimit ?? '1mb', strict: true }));
  app.use(rejectUnsafeText());

  const openApi = buildOpenApiDocument();
  const keys = new KeyStore(deps.db);
  const ruleBook = deps.rules.current;
  const unitLookup = new UnitLookup(deps.db);
  const limiter = failedAuthLimiter(deps.db, deps.authRateLimit);
  const sessions = new ConsoleSessionStore(deps.db);
  // Answers under /v1 are per key: no shared cache may keep them.
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  const session = consoleSession(sessions, deps.clock);
  const authenticated = authenticate(keys, limiter, deps.clock);
  const documentedQuery = strictQuery(openApi);
  // The dealers' hot read path first, behind the /v1 guard of its own: read-only, it needs none of
  // the pages, probes and routers below, nor the audit of writes (express tries layers in order).
  app.use(eligibilityRoutes(unitLookup, ruleBook, deps.clock, [noStore, session, authenticated, documentedQuery]));

  app.get('/openapi.json', (_req, res) => void res.json(openApi));
  mountDocsPage(app);
  mountConsole(app);
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.db.query('SELECT 1');
      const book = deps.rules.current();
      res.json({ status: 'ready', database: deps.db.kind, ruleSets: book.ruleSets.map((r) => ({ id: r.file.id, version: r.file.version, hash: r.hash })) });
    } catch (error) {
      deps.logger.warn({ err: error }, 'not ready');
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      sendProblem(res, 503, 'not-ready', 'the database is not reachable or no rule set is loaded');
    }
  });

  const claims = new ClaimService({ db: deps.db, ruleBook, clock: deps.clock, units: unitLookup });
  app.use('/v1', noStore);
  app.use('/v1', session);
  app.use(consoleSessionRoutes(keys, sessions, limiter, deps.clock, deps.consoleSessionMinutes ?? 480));
  app.use('/v1', authenticated);
  const audit = new AuditStore(deps.db);
  app.use('/v1', auditWrites(audit, deps.clock, deps.logger));
  app.use('/v1', documentedQuery);
  app.use('/v1/claims/:claimNumber', claimReadEtag);
  app.use(unitRoutes(deps.db, ruleBook));
  app.use(claimRoutes(claims));
  const lifecycle = new LifecycleService({ db: deps.db, ruleBook, clock: deps.clock });
  app.use(lifecycleRoutes(deps.db, lifecycle, claims, ruleBook, deps.clock));
  const settlement = new SettlementService(deps.db, ruleBook, afterSalesLookupsOf(deps));
  app.use(settlementRoutes(settlement));
  app.use(afterSalesRoutes({ db: deps.db, ruleBook, clock: deps.clock }, settlement));
  app.use(campaignRoutes(deps.db, new CampaignService({ db: deps.db, ruleBook, clock: deps.clock })));
  app.use(ruleSetRoutes(deps.rules, new RuleSetStore(deps.db)));
  app.use(backtestRoutes(deps.db, deps.rules, deps.clock, deps.logger));
  app.use(preAuthorisationRoutes(deps.db, ruleBook, deps.clock));
  app.use(productLineRoutes(ruleBook, deps.clock));
  app.use(keyRoutes(keys, deps.db, deps.clock));
  app.use(auditRoutes(audit));
  const served = routesOf(app);
  templateOf = routeTemplates(served);
  const allowed = allowedMethods(served);
  app.use((req, res) => {
    const methods = allowed(req.path);
    if (methods.length === 0) return sendProblem(res, 404, 'no-such-route', `no route ${req.method} ${req.path}`);
    res.setHeader('Allow', methods.join(', '));
    return sendProblem(res, 405, 'method-not-allowed', `${req.path} answers ${methods.join(', ')}, not ${req.method}`);
  });
  app.use(translateErrors());
  app.use(problemHandler(deps.logger));
  return app;
}
