// `npm run build [-- <outDir>]`: compiles src/ with tsc (tsconfig.build.json) into dist/ (or outDir)
// and copies the files the compiled code reads beside itself: the SQL migrations and the backtest
// worker's entry. The result starts with plain node: `node dist/server.js`, `bin/warranty.js`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
cpSync(path.join(root, 'src/db/migrations'), path.join(out, 'db/migrations'), { recursive: true });
mkdirSync(path.join(out, 'backtest'), { recursive: true });
cpSync(path.join(root, 'src/backtest/backtest-worker-entry.mjs'), path.join(out, 'backtest/backtest-worker-entry.mjs'));
