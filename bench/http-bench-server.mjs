/**
 * The server side of `npm run bench:http`, one process per mode, forked by http-bench.ts so that
 * its CPU time and RSS are its own (the load generator runs in the parent):
 *
 *   echo     bare express + express.json, answering the parsed body back (the HTTP floor)
 *   insert   bare express + express.json doing one INSERT of a decision-sized JSON row per request,
 *            autocommit (durable), on the same database as the service (the write floor)
 *   service  the real service (src/server.ts startServer) with the environment it is given
 *
 * Plain JavaScript on plain node, importing the compiled service from dist/ (http-bench.ts builds it
 * first): every server runs as deployed (`node dist/server.js`), without tsx's loader, which alone
 * adds ~75 MB of RSS to a process.
 *
 * It tells the parent `{ ready: port }` when listening, and answers `{ stats: true }` with its CPU
 * time (process.cpuUsage) and the highest RSS seen since the previous answer.
 */
import http from 'node:http';
import inspector from 'node:inspector';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';

const mode = process.argv[2];
const port = Number(process.env.PORT);
let maxRss = process.memoryUsage().rss;
setInterval(() => {
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
}, 200).unref();

// BENCH_PROFILE=<dir>: a CPU profile of each measured run, written there (node:inspector, in this process).
const session = process.env.BENCH_PROFILE ? new inspector.Session() : null;
session?.connect();
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));

process.on('message', (message) => {
  if (message.profile && session) {
    const name = message.profile;
    if (name === 'start') void post('Profiler.enable').then(() => post('Profiler.start'));
    // Said when written: the bench may stop this process next, before a pending write would land.
    else void post('Profiler.stop').then((r) => writeFile(path.join(process.env.BENCH_PROFILE, `${name}.cpuprofile`), JSON.stringify(r.profile))).then(() => process.send?.({ profiled: name }));
    return;
  }
  if (!message.stats) return;
  const cpu = process.cpuUsage();
  const rss = Math.max(maxRss, process.memoryUsage().rss);
  maxRss = process.memoryUsage().rss;
  process.send?.({ stats: { cpuMicros: cpu.user + cpu.system, rss } });
});

async function listen(app) {
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

async function floorDb() {
  // Imported per mode, so that the floors carry none of the service's modules in their RSS.
  if (process.env.DATABASE_URL) return (await import('../dist/db/pg-db.js')).createPgDb(process.env.DATABASE_URL, { max: 10, applicationName: 'warranty-bench-floor' });
  return (await import('../dist/db/pglite-db.js')).createEmbeddedDb(path.join(process.env.DATA_DIR, 'floor-pgdata'));
}

async function main() {
  if (mode === 'echo') {
    const app = express();
    app.use(express.json());
    app.post('/echo', (req, res) => void res.json(req.body));
    await listen(app);
  } else if (mode === 'insert') {
    const db = await floorDb();
    await db.exec('CREATE TABLE IF NOT EXISTS bench_floor (id BIGSERIAL PRIMARY KEY, body JSONB NOT NULL)');
    const rowBytes = Number(process.env.BENCH_ROW_BYTES ?? 2048);
    const app = express();
    app.use(express.json());
    app.post('/insert', async (req, res) => {
      // A decision-sized row: the request body and filler up to the stored decision's size.
      const text = JSON.stringify({ body: req.body, pad: 'x'.repeat(Math.max(0, rowBytes - 40)) });
      const { rows } = await db.query('INSERT INTO bench_floor (body) VALUES ($1) RETURNING id', [text]);
      res.status(201).json({ id: rows[0].id });
    });
    await listen(app);
  } else if (mode === 'service') {
    const { loadConfig } = await import('../dist/config/config.js');
    const { createLogger, startServer } = await import('../dist/server.js');
    const config = loadConfig();
    await startServer(config, createLogger(config));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.send?.({ ready: port });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
