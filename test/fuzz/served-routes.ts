import type { Express } from 'express';

export interface Operation {
  method: string;
  /** Express form, `/v1/claims/:claimNumber`. */
  path: string;
  /** OpenAPI operation object when the served document describes it. */
  doc?: OpenApiOperation | undefined;
}

export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export type JsonSchema = Record<string, unknown>;

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the express app serves (walking nested routers), e.g. `POST /v1/claims/:claimNumber/appeals`. */
export function servedRoutes(app: Express): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) for (const method of Object.keys(layer.route.methods)) if (method !== '_all') routes.push({ method: method.toUpperCase(), path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(((app as unknown as { router: { stack: Layer[] } }).router).stack);
  return routes;
}

/** The operations to fuzz: what the OpenAPI document describes, plus any served route it does not (generic values then). */
export function operationsOf(app: Express, document: { paths?: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const ops = new Map<string, Operation>();
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, doc] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const expressPath = path.replace(/\{([^}]+)\}/g, ':$1');
      ops.set(`${method.toUpperCase()} ${expressPath}`, { method: method.toUpperCase(), path: expressPath, doc });
    }
  }
  for (const route of servedRoutes(app)) {
    const key = `${route.method} ${route.path}`;
    if (!ops.has(key)) ops.set(key, route);
  }
  return [...ops.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
