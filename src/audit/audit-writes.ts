import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AuditStore, NewAuditEntry } from './audit-store.js';

/**
 * What a route that writes its own audit entry in its own statement is handed: the entry this request
 * would be recorded with, and a way to say it is stored. Claim submission uses it to store the claim,
 * its decision and its audit row in one statement and one commit, instead of a second commit the
 * answer waits for.
 */
export interface AuditHandOff {
  entry(target: string, status: number): NewAuditEntry;
  /** The entry went with the write: the middleware records nothing more for this request. */
  recorded(): void;
}

declare module 'express-serve-static-core' {
  interface Locals {
    audit?: AuditHandOff;
  }
}

/** POSTs that only read (pre-checks, drafts validated, backtests): not writes, not audited. */
const READ_ONLY = new Set(['POST /v1/eligibility', 'POST /v1/eligibility/batch', 'POST /v1/rulesets/validate', 'POST /v1/backtests']);

function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return `${req.method} ${typeof route === 'string' ? route : req.path}`;
}

/**
 * Records every write that took effect (a 2xx answer to POST, PUT, PATCH or DELETE) in the audit log
 * before the answer leaves: the response waits for its audit row, so what a client saw succeed is
 * in the log. A rejected request (4xx) changed nothing and is not recorded.
 */
export function auditWrites(store: AuditStore, clock: () => Date, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    let written: unknown;
    let recorded = false;
    const entryOf = (target: string, status: number): NewAuditEntry => {
      const principal = req.principal;
      return { at: clock(), keyId: principal?.keyId ?? null, role: principal?.role ?? null, stationId: principal?.stationId ?? null, requestId: String(req.id ?? ''), action: routeOf(req), target, status };
    };
    res.locals.audit = { entry: entryOf, recorded: () => void (recorded = true) };
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      written = body;
      return json(body);
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let ended = false;
    res.end = ((...args: unknown[]) => {
      const action = routeOf(req);
      if (ended || recorded || res.statusCode < 200 || res.statusCode >= 300 || READ_ONLY.has(action)) return end(...args);
      ended = true;
      const id = (written as { id?: unknown } | undefined)?.id;
      const target = res.get('Location') ?? (typeof id === 'number' || typeof id === 'string' ? `${req.path}/${id}` : req.path);
      store
        .append(entryOf(target, res.statusCode))
        .catch((error: unknown) => logger.error({ err: error, requestId: req.id, action, target }, 'could not record the audit entry of a write that took effect'))
        .finally(() => end(...args));
      return res;
    }) as Response['end'];
    next();
  };
}
