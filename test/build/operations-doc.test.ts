import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

const read = (file: string) => readFile(path.join(PACKAGE_ROOT, file), 'utf8');

describe('docs/operations.md', () => {
  it('documents every setting the service reads, BODY_LIMIT and CORS_ORIGINS included', async () => {
    const config = await read('src/config/config.ts');
    const schema = config.slice(config.indexOf('const envSchema'), config.indexOf('});', config.indexOf('const envSchema')));
    const settings = [...schema.matchAll(/^\s+([A-Z][A-Z_]+):/gm)].map((m) => m[1]!);
    const paths = await read('src/config/paths.ts');
    settings.push(...[...paths.matchAll(/env\.([A-Z][A-Z_]+)/g)].map((m) => m[1]!));
    expect(settings).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'BODY_LIMIT', 'CORS_ORIGINS', 'RULES_DIR', 'POLICIES_DIR']));
    const doc = await read('docs/operations.md');
    const table = doc.slice(doc.indexOf('## Settings'), doc.indexOf('## Migrations'));
    for (const name of settings) expect(table, name).toContain(`\`${name}\``);
  });

  it('covers migrations, backups with pg_dump/pg_restore and PITR, several instances, replicas, Citus and alerts', async () => {
    const doc = await read('docs/operations.md');
    for (const heading of ['## Migrations and upgrades', '## Backups and restores', '## Several instances behind a load balancer', '## Scaling past one database', '## What to alert on']) expect(doc).toContain(heading);
    for (const term of ['pg_dump', 'pg_restore', 'recovery_target_time', 'key cache', 'rule book', 'replica', 'Citus', 'unit_id', 'warranty_db_pool_waiting']) expect(doc).toContain(term);
  });

  it('is linked from the README, which lists /metrics', async () => {
    const readme = await read('README.md');
    expect(readme).toContain('(docs/operations.md)');
    expect(readme).toMatch(/`\/metrics`/);
  });
});
