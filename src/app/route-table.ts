import type { Express } from 'express';

export interface ServedRoute {
  method: string;
  /** Express form: `/v1/claims/:claimNumber`. */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
  rawPath?: string | string[];
}

/** Every route the app serves, from its router stack (routers mounted at the root, as create-app mounts them). */
export function routesOf(app: Express): ServedRoute[] {
  const routes: ServedRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const p of [layer.route.path].flat()) {
          for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: prefix + p });
        }
      } else if (layer.handle?.stack) {
        const mount = layer.slash ? '' : String([layer.rawPath].flat()[0] ?? '');
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk(((app as unknown as { router: { stack: Layer[] } }).router).stack, '');
  return routes;
}

/** `/v1/claims/:claimNumber` → `/v1/claims/{claimNumber}` */
export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The methods served on a path, per path pattern: what a 405 lists in Allow. */
export function allowedMethods(routes: readonly ServedRoute[]): (path: string) => string[] {
  const patterns = [...new Set(routes.map((r) => r.path))].map((p) => ({
    regex: new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z0-9_]+)/g, '[^/]+')}/?$`),
    methods: [...new Set(routes.filter((r) => r.path === p).map((r) => r.method))],
  }));
  return (path) => {
    const methods = new Set(patterns.filter((p) => p.regex.test(path)).flatMap((p) => p.methods));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}

/** The route template (`/v1/claims/:claimNumber`) a request path falls under, for metrics labels; null if none. */
export function routeTemplates(routes: readonly ServedRoute[]): (method: string, path: string) => string | null {
  const patterns = routes.map((r) => ({ method: r.method, path: r.path, regex: new RegExp(`^${r.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z0-9_]+)/g, '[^/]+')}/?$`) }));
  return (method, path) => {
    const m = method === 'HEAD' ? 'GET' : method;
    return (patterns.find((p) => p.method === m && p.regex.test(path)) ?? patterns.find((p) => p.regex.test(path)))?.path ?? null;
  };
}
