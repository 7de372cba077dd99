/**
 * `npm run screenshots`: re-makes the README's images docs/images/reviews.png and claim.png at
 * 1280×800 with the browser tests' harness: a pended claim in the queue, and its page.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole, consoleIsStale } from './build-console.js';
import { startConsole } from '../test/browser/harness.js';
import { batteryJob, buildClaim, decide } from '../test/e2e/fixtures.js';
import { registerBareNevUnit } from '../test/lifecycle/preauthorisation-helpers.js';

const images = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'images');
if (consoleIsStale()) await buildConsole();
const h = await startConsole({ now: '2026-03-20T04:00:00Z' });
try {
  for (const n of [1, 2, 3]) {
    const unit = await registerBareNevUnit(h.app);
    await decide(h.app, buildClaim(unit, { claimNumber: `CLM-2026-03-00${n}`, jobs: [batteryJob()], preAuthorisationNumber: undefined }));
  }
  const page = await h.newPage();
  await h.signIn(page, 'auditor');
  await h.open(page, '/console/reviews');
  await page.getByRole('link', { name: 'CLM-2026-03-001' }).waitFor();
  mkdirSync(images, { recursive: true });
  await page.screenshot({ path: path.join(images, 'reviews.png') });
  await page.getByRole('link', { name: 'CLM-2026-03-001' }).click();
  await page.getByTestId('decision-version').waitFor();
  await page.screenshot({ path: path.join(images, 'claim.png') });
  console.log(`wrote ${path.join(images, 'reviews.png')} and claim.png`);
} finally {
  await h.close();
}
