import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express } from 'express';

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Warranty adjudication API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// Grouped by tag (one per audience), in the document's tag order; keys stay in the browser.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  displayOperationId: true,
  docExpansion: 'list',
  persistAuthorization: true,
  tryItOutEnabled: false,
});
`;

/**
 * The docs page: Swagger UI from swagger-ui-dist, served by the app (no CDN). swagger-ui-dist is
 * pinned to 5.17.14, the last release without the @scarf/scarf install-time analytics dependency.
 */
export function mountDocsPage(app: Express): void {
  app.get('/docs', (_req, res) => void res.type('text/html').send(PAGE));
  app.use('/docs/init.js', (_req, res) => void res.type('text/javascript').send(INIT));
  app.use('/docs/assets', express.static(swaggerUiDir, { index: false, maxAge: '1d' }));
}
