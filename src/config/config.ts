import path from 'node:path';
import { z } from '../zod.js';
import { defaultPoliciesDir, defaultRulesDir, PACKAGE_ROOT } from './paths.js';
import { EVALUATORS, type EvaluatorName } from '../rules/rule-engines.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().default('./data'),
  BOOTSTRAP_ADMIN_KEY: z.string().min(32, 'use at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  // Demo vehicles belong to the quick start on the embedded database, never by default in a production PostgreSQL.
  DEMO_UNITS: z.enum(['true', 'false']).optional(),
  BODY_LIMIT: z.string().default('1mb'),
  WATCH_RULES: z.enum(['true', 'false']).default('true'),
  RULE_EVALUATOR: z.enum(EVALUATORS).default('compiled'),
  SHUTDOWN_TIMEOUT: z.coerce.number().positive().default(10),
  MIGRATION_DATABASE_URL: z.string().min(1).optional(),
  CORS_ORIGINS: z.string().default(''),
  CONSOLE_SESSION_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(480),
  TRUST_PROXY: z.string().min(1).optional(),
  // 0 leaves V8's own heap growth (up to 4× the live heap before a full collection).
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(60),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  bootstrapAdminKey: string | undefined;
  logLevel: string;
  demoUnits: boolean;
  bodyLimit: string;
  watchRules: boolean;
  /** `compiled`, or `json-rules-engine` (the reference, about four times slower). */
  ruleEvaluator: EvaluatorName;
  /** Seconds SIGTERM waits for in-flight and queued requests before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /** The database owner's URL for migrations, when DATABASE_URL names a restricted role. */
  migrationDatabaseUrl: string | undefined;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
  /** Minutes a web console session lasts. */
  consoleSessionMinutes: number;
  /** express's `trust proxy`: `true`, a hop count or addresses; unset trusts no proxy. */
  trustProxy: boolean | number | string | undefined;
  /** V8 grows the old generation by this percent over the live heap after a full collection; 0: V8 decides. */
  heapGrowingPercent: number;
  rulesDir: string;
  policiesDir: string;
  demoUnitsFile: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error('invalid environment:\n' + parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    bootstrapAdminKey: e.BOOTSTRAP_ADMIN_KEY,
    logLevel: e.LOG_LEVEL,
    demoUnits: e.DEMO_UNITS === undefined ? e.DATABASE_URL === undefined : e.DEMO_UNITS === 'true',
    bodyLimit: e.BODY_LIMIT,
    watchRules: e.WATCH_RULES === 'true',
    ruleEvaluator: e.RULE_EVALUATOR,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    consoleSessionMinutes: e.CONSOLE_SESSION_MINUTES,
    trustProxy: e.TRUST_PROXY === undefined ? undefined : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    rulesDir: defaultRulesDir(env),
    policiesDir: defaultPoliciesDir(env),
    demoUnitsFile: path.join(PACKAGE_ROOT, 'demo', 'units.jsonl'),
  };
}
