import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
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
import { accessLogProps, authenticate } from '../auth/authenticate.js';
import { AuditStore } from '../audit/audit-store.js';
import { auditWrites } from '../audit/audit-writes.js';
import { auditRoutes } from '../audit/audit-routes.js';
import { failedAuthLimiter, type FailedAuthLimit } from '../auth/failed-auth-limiter.js';
import { problemHandler, sendProblem } from './problem.js';
import { rejectUnsafeText } from '../errors/reject-unsafe-text.js';
import { translateErrors } from '../errors/translate-errors.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/database-errors.js';
import { buildOpenApiDocument } from './openapi.js';
import { unitRoutes } from '../units/unit-routes.js';
import { claimRoutes } from '../claims/claim-routes.js';
import { ClaimService } from '../claims/claim-service.js';
import { eligibilityRoutes } from '../eligibility/eligibility-routes.js';
import { keyRoutes } from '../keys/key-routes.js';
import { preAuthorisationRoutes } from '../preauthorisations/preauthorisation-routes.js';
import { productLineRoutes } from '../product-lines/product-line-routes.js';

export interface AppDeps {
  db: Db;
  /** The rule book in force, its reload and its files. */
  rules: RuleBookHolder;
  clock: () => Date;
  logger: Logger;
  bodyLimit?: string;
  /** Failed authentications per client address and window before 429 (default 30 a minute). */
  authRateLimit?: FailedAuthLimit;
}

/** The one place that wires the HTTP app; tests call it with an embedded database. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customProps: (req) => accessLogProps(req),
    }),
  );
  app.use(express.json({ limit: deps.bodyLimit ?? '1mb', strict: true }));
  app.use(rejectUnsafeText());

  const openApi = buildOpenApiDocument();
  app.get('/openapi.json', (_req, res) => void res.json(openApi));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApi as never));
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

  const keys = new KeyStore(deps.db);
  const ruleBook = deps.rules.current;
  const claims = new ClaimService({ db: deps.db, ruleBook, clock: deps.clock });
  app.use('/v1', authenticate(keys, failedAuthLimiter(deps.db, deps.authRateLimit), deps.clock));
  const audit = new AuditStore(deps.db);
  app.use('/v1', auditWrites(audit, deps.clock, deps.logger));
  app.use(unitRoutes(deps.db, ruleBook));
  app.use(claimRoutes(claims));
  const lifecycle = new LifecycleService({ db: deps.db, ruleBook, clock: deps.clock });
  app.use(lifecycleRoutes(deps.db, lifecycle, claims, ruleBook, deps.clock));
  app.use(settlementRoutes(new SettlementService(deps.db, ruleBook)));
  app.use(eligibilityRoutes(deps.db, ruleBook, deps.clock));
  app.use(ruleSetRoutes(deps.rules, new RuleSetStore(deps.db)));
  app.use(backtestRoutes(deps.db, deps.rules));
  app.use(preAuthorisationRoutes(deps.db, ruleBook, deps.clock));
  app.use(productLineRoutes(ruleBook, deps.clock));
  app.use(keyRoutes(keys, deps.db, deps.clock));
  app.use(auditRoutes(audit));
  app.use((req, res) => sendProblem(res, 404, 'no-such-route', `no route ${req.method} ${req.path}`));
  app.use(translateErrors());
  app.use(problemHandler(deps.logger));
  return app;
}
