import type { RequestHandler } from 'express';
import { ValidationError } from '../errors/http-errors.js';
import { didYouMean } from '../rules/validation/suggest.js';
import type { OpenApiDocument } from './openapi.js';

/**
 * Query strings are strict like bodies: a parameter the operation does not document is a 400 naming
 * it (`?statoinId=` must not silently list every station). The parameters come from the OpenAPI
 * document, so what is documented is what is accepted.
 */
export function strictQuery(document: OpenApiDocument): RequestHandler {
  const operations: Array<{ method: string; regex: RegExp; names: string[] }> = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const regex = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[A-Za-z0-9_]+\}/g, '[^/]+')}/?$`);
    for (const [method, op] of Object.entries(item as Record<string, { parameters?: Array<{ in: string; name: string }> }>)) {
      operations.push({ method: method.toUpperCase(), regex, names: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) });
    }
  }
  return (req, _res, next) => {
    // No query string, nothing to check: most API calls (and every POST of ours) end here.
    if (!req.originalUrl.includes('?')) return next();
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const op = operations.find((o) => o.method === method && o.regex.test(req.baseUrl + req.path));
    if (!op) return next();
    const unknown = Object.keys(req.query as Record<string, unknown>).filter((k) => !op.names.includes(k));
    if (unknown.length === 0) return next();
    const known = op.names.length > 0 ? `; known: ${op.names.join(', ')}` : '; this operation takes no query parameters';
    next(new ValidationError(unknown.map((k) => ({ path: `query.${k}`, message: `unknown query parameter${didYouMean(k, op.names)}${known}` }))));
  };
}
