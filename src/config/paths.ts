import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: where the shipped `rules/` and `policies/` live (the nearest package.json up, from src/ or the built dist/). */
export const PACKAGE_ROOT = ((dir: string): string => {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return path.resolve(dir, '..', '..');
  }
})(path.dirname(fileURLToPath(import.meta.url)));

export function defaultRulesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.RULES_DIR ?? path.join(PACKAGE_ROOT, 'rules'));
}

export function defaultPoliciesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.POLICIES_DIR ?? path.join(PACKAGE_ROOT, 'policies'));
}
