import type { RequestHandler } from 'express';
import { ValidationError, type FieldProblem } from './http-errors.js';

/** Deeper JSON than this is no claim, unit or rule file of ours, and would only exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text: PostgreSQL refuses NUL, and a lone surrogate is no Unicode. */
function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which text cannot hold';
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (not well-formed Unicode)';
  return null;
}

/** NUL or any surrogate: what a string must hold for textProblem to find anything (a paired surrogate is fine). */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * Whether the walk below could report anything in a value: nearly every request holds no such text,
 * and this pass names no paths, so a clean body costs no string per member.
 */
function suspect(root: unknown): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === 'string') {
      if (SUSPECT.test(value)) return true;
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_JSON_DEPTH) return true;
      for (const key in value) {
        if (SUSPECT.test(key)) return true;
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Walks a parsed value without recursion; reports bad strings and keys by their dotted path. */
function walk(root: unknown, prefix: string, problems: FieldProblem[]): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: prefix, depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value, path, depth } = stack.pop()!;
    const at = path || '(root)';
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push({ path: at, message: problem });
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_JSON_DEPTH) {
        problems.push({ path: at, message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
        continue;
      }
      for (const key of Object.keys(value)) {
        const child = path ? `${path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) problems.push({ path: child, message: `the member name ${keyProblem}` });
        else stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
      }
    }
  }
}

interface Layer {
  route?: { path: string | string[] };
  handle?: { stack?: Layer[] };
}

const templatesByApp = new WeakMap<object, string[][]>();

/** The app's route paths as segments (`['v1', 'claims', ':claimNumber']`), to name a bad path segment after its parameter. */
function routeTemplates(app: object): string[][] {
  let templates = templatesByApp.get(app);
  if (!templates) {
    templates = [];
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route) for (const p of [layer.route.path].flat()) templates!.push(p.split('/').filter(Boolean));
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((app as unknown as { router?: { stack?: Layer[] } }).router?.stack ?? []);
    templatesByApp.set(app, templates);
  }
  return templates;
}

/** `params.claimNumber` when a route has a parameter at that segment, else `path` with the segment's number. */
function segmentName(app: object, segments: string[], index: number): string {
  const route = routeTemplates(app).find((t) => t.length === segments.length && t[index]?.startsWith(':') && t.every((part, i) => part.startsWith(':') || part === segments[i]));
  const part = route?.[index];
  return part?.startsWith(':') ? `params.${part.slice(1)}` : `path.${index + 1}`;
}

/**
 * At the edge, before any route: a path segment, query value or JSON member that PostgreSQL could
 * not store or compare (NUL, a lone surrogate), or JSON nested absurdly deep, is a 400 naming the
 * field — never a 500 from the database or a stack overflow.
 */
export function rejectUnsafeText(): RequestHandler {
  return (req, _res, next) => {
    const problems: FieldProblem[] = [];
    // A path as sent is ASCII (the parser refuses NUL): only a percent-escape can make bad text of it.
    const segments = req.path.includes('%') ? req.path.split('/').filter(Boolean) : [];
    for (const [index, segment] of segments.entries()) {
      let problem: string | null;
      try {
        problem = textProblem(decodeURIComponent(segment));
      } catch {
        problem = 'is not valid percent-encoded UTF-8';
      }
      if (problem) problems.push({ path: segmentName(req.app, segments, index), message: problem });
    }
    // Without a query string req.query is empty (and each read of it parses the URL again).
    if (req.url.includes('?') && suspect(req.query)) walk(req.query, 'query', problems);
    if (req.body !== undefined && typeof req.body === 'object' && suspect(req.body)) walk(req.body, '', problems);
    if (problems.length > 0) return next(new ValidationError(problems, 'the request holds text that cannot be stored'));
    next();
  };
}
