import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: where the shipped `rules/` and `policies/` live. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultRulesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.RULES_DIR ?? path.join(PACKAGE_ROOT, 'rules'));
}

export function defaultPoliciesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.POLICIES_DIR ?? path.join(PACKAGE_ROOT, 'policies'));
}
