import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import type { Role } from '../auth/principal.js';
import { PACKAGE_ROOT } from '../config/paths.js';
import { problemSchema } from './response-schemas.js';

/**
 * The house helpers every feature's `<feature>-openapi.ts` documents its routes with, so each
 * operation has an operationId, the tags of its audiences, its security, and every error as
 * application/problem+json with the one Problem schema.
 */

/** One tag per audience; an operation is listed under each audience whose role may call it. */
export const TAGS = {
  dealer: { name: 'Dealer systems', description: 'Pre-checks, claim submission and reads for a dealer (service station) system: its own station only.' },
  auditor: { name: 'Auditors', description: 'The settlement office: units, claims, reviews, part returns, pre-authorisations, statements and recoveries.' },
  policyOwner: { name: 'Policy owners', description: 'Rule sets and policies: validate a draft, backtest it on stored claims, reload the rule book.' },
  admin: { name: 'Admin', description: 'API keys. An admin key may also call every other operation.' },
  operations: { name: 'Operations', description: 'Health, readiness, metrics and this document: no key needed.' },
} as const;

const TAG_OF_ROLE: Record<Role, string> = { dealer: TAGS.dealer.name, auditor: TAGS.auditor.name, 'policy-owner': TAGS.policyOwner.name, admin: TAGS.admin.name };

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 406 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'invalid request: `errors` lists each field path and what is wrong (an unknown field too)',
  401: 'missing, unknown or revoked API key',
  403: "the key's role or station does not allow this",
  404: 'not found',
  405: 'the path exists, the method does not: the Allow header lists the methods',
  406: 'none of the media types in Accept can be given',
  409: 'conflict',
  412: 'precondition failed',
  413: 'the body is larger than BODY_LIMIT',
  415: 'unsupported media type or encoding',
  422: 'unprocessable',
  429: 'too many requests: see Retry-After',
  500: 'an unexpected error; it has been logged with the request id (`instance`)',
  503: 'not ready',
};

/** A problem+json response with the one Problem schema. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

/** A JSON response (with an example, when one is given). */
export function jsonResponse(schema: z.ZodType, description: string, example?: unknown) {
  return { description, content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } } };
}

/** A JSON response that can also be had as CSV (`?format=csv` or `Accept: text/csv`). */
export function jsonOrCsvResponse(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema }, 'text/csv': { schema: z.string().openapi({ description: 'CSV with a header row' }) } } };
}

/** A file of `demo/` as an example, read once at start (the examples are the files the README uses). */
export function demoExample(file: string): unknown {
  const text = readFileSync(path.join(PACKAGE_ROOT, 'demo', file), 'utf8');
  return file.endsWith('.jsonl') ? JSON.parse(text.split('\n')[0]!) : JSON.parse(text);
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `/v1/claims/{claimNumber}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Who may call it (admin always may); `public` needs no key. */
  roles: readonly Role[] | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** A JSON body (the schema, an example), or other media types. */
  body?: { schema: z.ZodType; example?: unknown; required?: boolean } | { content: Record<string, { schema: z.ZodType; example?: unknown }>; required?: boolean };
  responses: Record<number, ReturnType<typeof jsonResponse> | { description: string; headers?: unknown; content?: unknown }>;
  /** The errors this operation gives beyond the ones every operation of its kind gives, with what they mean here. */
  errors?: Partial<Record<ErrorStatus, string>>;
}

/** Registers an operation: security, tags per audience and the problem responses follow from what it is. */
export function registerOperation(registry: OpenAPIRegistry, op: Operation): void {
  const roleList: readonly Role[] = op.roles === 'public' ? [] : op.roles.length === 0 ? ['admin'] : op.roles;
  const isPublic = op.roles === 'public';
  const tags: string[] = isPublic ? [TAGS.operations.name] : [...new Set(roleList.map((r) => TAG_OF_ROLE[r]))];
  const errors: Partial<Record<ErrorStatus, string>> = {};
  if (op.body || op.query || op.params) errors[400] = ERROR_TEXT[400];
  if (!isPublic) {
    errors[401] = ERROR_TEXT[401];
    errors[403] = ERROR_TEXT[403];
  }
  if (op.body) {
    errors[413] = ERROR_TEXT[413];
    errors[415] = ERROR_TEXT[415];
  }
  Object.assign(errors, op.errors ?? {});
  errors[500] = ERROR_TEXT[500];
  const problemResponses = Object.fromEntries(Object.entries(errors).map(([status, text]) => [status, problemResponse(text)]));
  const roles = isPublic ? 'No key needed.' : `Roles: ${roleList.join(', ')}${roleList.includes('admin') ? '' : ' (and admin)'}.`;
  const body = op.body
    ? 'schema' in op.body
      ? { required: op.body.required ?? true, content: { 'application/json': { schema: op.body.schema, ...(op.body.example === undefined ? {} : { example: op.body.example }) } } }
      : { required: op.body.required ?? true, content: op.body.content }
    : undefined;
  const config: RouteConfig = {
    method: op.method,
    path: op.path,
    operationId: op.operationId,
    tags,
    summary: op.summary,
    description: [op.description, roles].filter(Boolean).join('\n\n'),
    security: isPublic ? [] : [{ bearer: [] }],
    request: { ...(op.params ? { params: op.params } : {}), ...(op.query ? { query: op.query } : {}), ...(op.headers ? { headers: op.headers } : {}), ...(body ? { body } : {}) },
    responses: { ...(op.responses as RouteConfig['responses']), ...problemResponses },
  };
  registry.registerPath(config);
}

/** A path parameter: a non-empty string. */
export const pathParam = (description: string) => z.string().min(1).openapi({ description });
