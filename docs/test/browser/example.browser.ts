// The packages in a real browser: bundles the workshop's dynamic pool with esbuild for the browser
// (from the packages' sources, through the `@csp/source` condition), runs it in a page served on
// 127.0.0.1 in headless Chromium, and checks what it computed. Saves a screenshot of the page.
import { expect } from 'chai';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { collectErrors, launchChromium } from './chromium.js';
import { serveStatic } from './static-server.js';
import type { PageResult } from './fixtures/dynamic-pool-page.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const site = join(root, '.tmp', 'browser-example');
const screenshots = join(root, '.tmp', 'screenshots');

const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>csp in the browser</title><link rel="icon" href="data:,"></head>
  <body>
    <h1>@csp/channel and @csp/sync in the browser</h1>
    <p>A dynamic worker pool squares 1..30; then a context deadline races a one-second timer.</p>
    <pre id="result">running...</pre>
    <script type="module" src="/bundle.js"></script>
  </body>
</html>
`;

describe('the packages bundled for the browser, in headless Chromium', () => {
  it('run the dynamic pool example in a page', async () => {
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    mkdirSync(screenshots, { recursive: true });
    await build({
      entryPoints: [join(here, 'fixtures', 'dynamic-pool-page.ts')],
      outfile: join(site, 'bundle.js'),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      conditions: ['@csp/source'],
      logLevel: 'silent',
    });
    writeFileSync(join(site, 'index.html'), html);

    const [server, browser] = await Promise.all([serveStatic(site), launchChromium()]);
    try {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => 'cspResult' in window || 'cspError' in window, undefined, { timeout: 20_000 });
      const outcome = await page.evaluate(() => {
        const w = window as unknown as { cspResult?: unknown; cspError?: string };
        return { result: w.cspResult, error: w.cspError };
      });
      expect(outcome.error, 'the page reported an error').to.equal(undefined);
      const result = outcome.result as PageResult;
      expect(result.sum).to.equal((30 * 31 * 61) / 6);
      expect(result.metrics).to.deep.include({ submitted: 30, completed: 30, failed: 0, workers: 0 });
      expect(result.metrics.peakWorkers).to.be.within(2, 4);
      expect(result.deadline).to.equal('context deadline exceeded');
      expect(await page.locator('#result').textContent()).to.include('"sum": 9455');
      await page.screenshot({ path: join(screenshots, 'example-in-browser.png') });
      expect(errors).to.deep.equal([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
