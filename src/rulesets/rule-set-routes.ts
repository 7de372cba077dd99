import path from 'node:path';
import { Router } from 'express';
import { z } from '../zod.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { NotFoundError } from '../errors/http-errors.js';
import { validateFiles, type SourceFile } from '../rules/validation/validate-files.js';
import type { RuleBookHolder } from './rule-book-holder.js';
import type { RuleSetStore } from './rule-set-store.js';
import { RuleSetCaseRuns } from './rule-set-cases.js';

export const draftSchema = z.object({
  files: z
    .array(
      z.object({
        path: z.string().regex(/^(rules|policies)\/[A-Za-z0-9._/-]+\.json$/, 'a path under rules/ or policies/, ending in .json'),
        content: z.unknown().optional(),
        text: z.string().optional(),
      }).refine((f) => f.content !== undefined || f.text !== undefined, { message: 'give the file as content (JSON) or text' }),
    )
    .min(1)
    .max(200),
  /** Replace files of the rule book in force (default), or validate the draft on its own. */
  overlay: z.boolean().default(true),
});

export const ruleSetListQuerySchema = z.object({
  cursor: z.string().min(1).optional().openapi({ description: 'nextCursor of the page before' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

function kindOf(file: string): SourceFile['kind'] {
  if (file.startsWith('policies/')) return 'policy';
  return path.basename(file) === 'reason-codes.json' ? 'reasons' : 'rule-set';
}

export function ruleSetRoutes(holder: RuleBookHolder, store: RuleSetStore): Router {
  const router = Router();

  router.get('/v1/rulesets', allow('policy-owner', 'auditor'), async (req, res) => {
    const query = parseOr400(ruleSetListQuerySchema, req.query, 'query');
    const book = holder.current();
    const inForce = new Set([...book.ruleSets.map((r) => r.hash), ...book.policies.map((p) => p.hash)]);
    const rows = await store.list({ after: query.cursor, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit).map((v) => ({ ...v, loaded: inForce.has(v.hash) }));
    res.json({ items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.hash : null });
  });

  const caseRuns = new RuleSetCaseRuns(holder);
  router.get('/v1/rulesets/:id/:version/cases', allow('policy-owner', 'auditor'), async (req, res) => {
    const { id, version } = req.params as { id: string; version: string };
    res.json(await caseRuns.cases(id, version));
  });

  router.get('/v1/rulesets/:id/:version/coverage', allow('policy-owner', 'auditor'), async (req, res) => {
    const { id, version } = req.params as { id: string; version: string };
    await caseRuns.of(id, version);
    res.json(await caseRuns.coverage(id, version, await store.firedRules(id, version)));
  });

  router.get('/v1/rulesets/:id/:version', allow('policy-owner', 'auditor'), async (req, res) => {
    const { id, version } = req.params as { id: string; version: string };
    const hash = typeof req.query.hash === 'string' ? req.query.hash : undefined;
    const stored = (await store.contents(id, version)).filter((v) => hash === undefined || v.hash === hash);
    if (stored.length === 0) throw new NotFoundError(`no rule set or policy ${id} version ${version}${hash ? ` with hash ${hash}` : ''}`);
    res.json({ id, version, files: stored.map((v) => ({ kind: v.kind, hash: v.hash, firstLoadedAt: v.firstLoadedAt, content: v.content })) });
  });

  router.post('/v1/rulesets/validate', allow('policy-owner'), async (req, res) => {
    const draft = parseOr400(draftSchema, req.body);
    const result = validateFiles(await draftFiles(draft, holder));
    const errors = result.problems.filter((p) => p.severity === 'error');
    res.status(200).json({ valid: errors.length === 0, errors: errors.length, warnings: result.problems.length - errors.length, problems: result.problems });
  });

  router.post('/v1/rulesets/reload', allow('policy-owner'), async (_req, res) => {
    const result = await holder.reload();
    res.status(result.status === 'rejected' ? 422 : 200).json(result);
  });

  return router;
}

/** A draft's files laid over the files in force (or alone, with overlay: false). */
export function draftFiles(draft: z.infer<typeof draftSchema>, holder: RuleBookHolder): SourceFile[] {
  const uploaded: SourceFile[] = draft.files.map((f) => ({ file: f.path, text: f.text ?? JSON.stringify(f.content, null, 2), kind: kindOf(f.path) }));
  // Over the rule book in force, not the files on disk: a rejected edit there must not leak into drafts.
  const base = draft.overlay ? holder.current().sourceFiles().map((f) => ({ ...f, file: relativeTo(f.file, holder) })) : [];
  const byPath = new Map(base.map((f) => [f.file, f]));
  for (const f of uploaded) byPath.set(f.file, f);
  return [...byPath.values()];
}

/** Shipped files as `rules/…` / `policies/…`, the way a draft names them. */
function relativeTo(file: string, holder: RuleBookHolder): string {
  const absolute = path.resolve(file);
  for (const [dir, prefix] of [[holder.rulesDir, 'rules'], [holder.policiesDir, 'policies']] as const) {
    const rel = path.relative(dir, absolute);
    if (!rel.startsWith('..')) return `${prefix}/${rel}`;
  }
  return file;
}
