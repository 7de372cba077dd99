import type { Express } from 'express';
import { pino } from 'pino';
import type { Db } from '../../src/db/db.js';
import { createApp, type AppDeps } from '../../src/app/create-app.js';
import { loadRuleBook, type RuleBook } from '../../src/rules/rule-book.js';
import { RuleBookHolder } from '../../src/rulesets/rule-book-holder.js';
import { RuleSetStore } from '../../src/rulesets/rule-set-store.js';
import { defaultPoliciesDir, defaultRulesDir } from '../../src/config/paths.js';
import { KeyStore } from '../../src/keys/key-store.js';
import { createTestDb } from './test-db.js';

export interface TestApp {
  app: Express;
  db: Db;
  ruleBook: RuleBook;
  rules: RuleBookHolder;
  /** Bearer headers per role; the dealer key belongs to station S1, dealerS2 to S2. */
  auth: Record<'admin' | 'auditor' | 'dealer' | 'dealerS2' | 'policyOwner', { Authorization: string }>;
  /** Moves the app's clock (an ISO instant): decisions are stamped with it. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** The real HTTP app on a real (embedded or PostgreSQL) database with the shipped rules; "now" is fixed. */
export async function createTestApp(options: { now?: string; rulesDir?: string; policiesDir?: string; db?: Db; authRateLimit?: AppDeps['authRateLimit']; corsOrigins?: string[] } = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDb());
  const rulesDir = options.rulesDir ?? defaultRulesDir();
  const policiesDir = options.policiesDir ?? defaultPoliciesDir();
  const ruleBook = await loadRuleBook(rulesDir, policiesDir);
  const logger = pino({ level: 'silent' });
  const rules = new RuleBookHolder(ruleBook, rulesDir, policiesDir, logger);
  const versions = new RuleSetStore(db);
  await versions.record(ruleBook);
  rules.onReload((book) => versions.record(book));
  let now = new Date(options.now ?? '2026-03-20T04:00:00Z');
  const app = createApp({ db, rules, clock: () => now, logger, corsOrigins: options.corsOrigins, ...(options.authRateLimit ? { authRateLimit: options.authRateLimit } : {}) });
  const keys = new KeyStore(db);
  const bearer = async (role: 'admin' | 'auditor' | 'dealer' | 'policy-owner', station: string | null = null) => ({
    Authorization: `Bearer ${(await keys.create(role, station, `test ${role}`)).key}`,
  });
  const auth = {
    admin: await bearer('admin'),
    auditor: await bearer('auditor'),
    dealer: await bearer('dealer', 'S1'),
    dealerS2: await bearer('dealer', 'S2'),
    policyOwner: await bearer('policy-owner'),
  };
  return { app, db, ruleBook, rules, auth, setNow: (iso: string) => void (now = new Date(iso)), close: () => db.close() };
}
