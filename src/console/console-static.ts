import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { PACKAGE_ROOT } from '../config/paths.js';

export const CONSOLE_DIST = path.join(PACKAGE_ROOT, 'console', 'dist');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Console not built</title>
<p>The web console has not been built: run <code>npm run build:console</code> (npm start does it first).</p></html>`;

/**
 * The web console's static files under /console/ (built by Vite into console/dist), every other
 * /console/* path answered with its index.html so the browser's router takes it; `/` leads there.
 * Middleware rather than routes: these are pages, not API operations.
 */
export function mountConsole(app: Express, dist: string = CONSOLE_DIST): void {
  const index = path.join(dist, 'index.html');
  app.use((req, res, next) => (req.method === 'GET' && req.path === '/' ? res.redirect(302, '/console/') : next()));
  app.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use('/console', express.static(dist, { index: false, fallthrough: true, maxAge: 0 }));
  app.use('/console', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (path.extname(req.path) !== '') return next(); // a missing asset is a 404, not the page
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) return void res.status(503).type('text/html').send(NOT_BUILT);
    res.sendFile(index);
  });
}
