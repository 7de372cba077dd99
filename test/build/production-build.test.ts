import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

/**
 * The production build as the Dockerfile makes it, outside Docker: `npm run build`, then only what
 * the image copies (package files, dist/, bin/, rules/, policies/, demo/) in a fresh directory,
 * `npm ci --omit=dev` (from the local npm cache), and plain `node`: no tsx, no TypeScript, no src/.
 * The service runs on its embedded database there, so the test needs no database of its own.
 */
const run = promisify(execFile);
const ADMIN_KEY = 'build-test-admin-key-0123456789abcdef';
/** What the Dockerfile's runtime stage copies besides dist/ (checked against it below). */
const SHIPPED = ['package.json', 'package-lock.json', 'bin', 'rules', 'policies', 'demo'];
let dir: string;
let server: ChildProcess | null = null;
let baseUrl: string;

const readJson = async (file: string) => JSON.parse(await readFile(path.join(PACKAGE_ROOT, file), 'utf8'));
async function readmeJson(marker: string): Promise<Record<string, unknown>> {
  const readme = await readFile(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readme.slice(readme.indexOf(marker)))![1]!);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'warranty-build-'));
  await run('npm', ['run', 'build', '--', path.join(dir, 'dist')], { cwd: PACKAGE_ROOT });
  for (const entry of SHIPPED) await cp(path.join(PACKAGE_ROOT, entry), path.join(dir, entry), { recursive: true });
  // The built console, as the Dockerfile copies it from its build stage (vitest's globalSetup built it).
  await cp(path.join(PACKAGE_ROOT, 'console/dist'), path.join(dir, 'console/dist'), { recursive: true });
  await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir });

  // As the Dockerfile's CMD starts it: the tracing hook first (a no-op while OTEL_TRACING is unset).
  server = spawn(process.execPath, ['--import', './dist/telemetry/register.js', 'dist/server.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(dir, 'data'), BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, WATCH_RULES: 'false', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<string>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (port && !baseUrl) {
        baseUrl = `http://127.0.0.1:${port}`;
        resolve(baseUrl);
      }
    });
    server!.stderr!.on('data', (chunk: Buffer) => void (log += chunk.toString()));
    server!.once('exit', (code) => reject(new Error(`the built service exited with ${code}:\n${log}`)));
  });
}, 600_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('the production build, installed with npm ci --omit=dev and run with plain node', () => {
  it('installs without tsx or TypeScript and ships no sources', () => {
    expect(existsSync(path.join(dir, 'node_modules', 'express'))).toBe(true);
    for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild']) expect(existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(path.join(dir, 'src'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist', 'db', 'migrations', '001_initial.sql'))).toBe(true);
  });

  it('runs the README\'s worked example against the built service', async () => {
    const post = async (url: string, key: string, body: unknown) => {
      const res = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const auditor = await post('/v1/keys', ADMIN_KEY, { role: 'auditor', label: 'settlement office' });
    expect(auditor.status).toBe(201);
    const key = auditor.body.key as string;
    expect((await post('/v1/preauthorisations', key, await readJson('demo/preauthorisation-battery.json'))).status).toBe(201);
    const decided = await post('/v1/claims', key, await readJson('demo/claim-battery.json'));
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    // `today` and when the history was read are the service's clock (the README's are when it was captured).
    const { trace, today, historyAsOf, ...shown } = decided.body as Record<string, unknown> & { historyAsOf: { at: string } };
    const { today: _readmeToday, historyAsOf: readmeHistory, ...expected } = (await readmeJson('The response (201')) as Record<string, unknown> & { historyAsOf: { at: string } };
    expect((trace as unknown[]).length).toBeGreaterThan(0);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(shown).toEqual(expected);
    expect({ ...historyAsOf, at: undefined }).toEqual({ ...readmeHistory, at: undefined });
    expect(Number.isNaN(Date.parse(historyAsOf.at))).toBe(false);
  });

  it('serves readiness, metrics, the document and the docs page with its assets', async () => {
    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toMatchObject({ status: 'ready', database: 'embedded' });
    expect(await (await fetch(`${baseUrl}/metrics`)).text()).toContain('warranty_decisions_total');
    expect(((await (await fetch(`${baseUrl}/openapi.json`)).json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
    expect((await fetch(`${baseUrl}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('serves the web console from the built package', async () => {
    const res = await fetch(`${baseUrl}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toMatch(/<script[^>]+src="\/console\/assets\//);
  });

  it('runs the warranty bin on the compiled code', async () => {
    const { version } = await readJson('package.json');
    expect((await run(process.execPath, ['bin/warranty.js', '--version'], { cwd: dir })).stdout.trim()).toBe(version);
    const validated = await run(process.execPath, ['bin/warranty.js', 'rules', 'validate', '--json'], { cwd: dir });
    expect(JSON.parse(validated.stdout)).toEqual({ problems: [] });
  });
});

/** The runtime stage of the Dockerfile: its instructions after `FROM … AS runtime`, continuation lines joined. */
async function runtimeStage(): Promise<string[]> {
  const text = (await readFile(path.join(PACKAGE_ROOT, 'Dockerfile'), 'utf8')).replace(/\\\n\s*/g, ' ');
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.slice(lines.findIndex((l) => /^FROM .* AS runtime$/i.test(l)));
}

describe('the Dockerfile and compose.yaml run what this test runs', () => {
  it('builds in one stage and runs, as a non-root user, npm ci --omit=dev, the built code and what this test copies', async () => {
    const text = await readFile(path.join(PACKAGE_ROOT, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)?.length).toBe(2);
    expect(text).toMatch(/^RUN npm run build$/m);
    const stage = await runtimeStage();
    expect(stage).toContain('RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force');
    expect(stage).toContain('COPY --from=build /app/dist ./dist');
    expect(text).toMatch(/^RUN npm run build:console$/m);
    expect(stage).toContain('COPY --from=build /app/console/dist ./console/dist');
    const copied = stage.filter((l) => l.startsWith('COPY ') && !l.includes('--from')).flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(copied.sort()).toEqual([...SHIPPED].sort());
    expect(stage.find((l) => l.startsWith('USER '))).toBe('USER node');
    expect(stage.at(-1)).toBe('CMD ["node", "--import", "./dist/telemetry/register.js", "dist/server.js"]');
  });

  it('has a HEALTHCHECK that passes against the running service, and fails when nothing answers', async () => {
    const healthcheck = (await runtimeStage()).find((l) => l.startsWith('HEALTHCHECK '))!;
    const command = JSON.parse(/CMD (\[.*\])$/.exec(healthcheck)![1]!) as string[];
    expect(command[0]).toBe('node');
    const env = { PATH: process.env.PATH, PORT: new URL(baseUrl).port };
    await run(process.execPath, command.slice(1), { env });
    await expect(run(process.execPath, command.slice(1), { env: { ...env, PORT: '1' } })).rejects.toMatchObject({ code: 1 });
  });

  it('composes the service with PostgreSQL on a volume, both with health checks, the service after a healthy database', async () => {
    const compose = parseYaml(await readFile(path.join(PACKAGE_ROOT, 'compose.yaml'), 'utf8'));
    expect(compose.services.db.image).toMatch(/^postgres:/);
    expect(compose.services.db.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(compose.services.db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.services.warranty.build).toBe('.');
    expect(compose.services.warranty.depends_on.db.condition).toBe('service_healthy');
    expect(compose.services.warranty.environment).toContainEqual(expect.stringMatching(/^DATABASE_URL=postgres:\/\/warranty:.*@db:5432\/warranty$/));
    expect(compose.services.warranty.healthcheck.test.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(Object.keys(compose.volumes)).toEqual(['pgdata', 'warranty-data']);
  });
});
