// @csp/threads in headless Chromium: with cross-origin isolation, a SharedChan connects the page
// and a Web Worker started by goThread; without it, creating one fails with a clear error.
import { expect } from 'chai';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { collectErrors, launchChromium } from './chromium.js';
import { serveStatic } from './static-server.js';
import type { ThreadsPageResult } from './fixtures/threads-page.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const site = join(root, '.tmp', 'browser-threads');
const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>csp threads</title><link rel="icon" href="data:,"></head>
  <body><script type="module" src="/threads-page.js"></script></body>
</html>
`;

/** Loads the page from a server with `headers`; returns what it reported. */
async function visit(headers: Record<string, string>): Promise<ThreadsPageResult> {
  const [server, browser] = await Promise.all([serveStatic(site, headers), launchChromium()]);
  try {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => 'cspResult' in window, undefined, { timeout: 20_000 });
    const result = await page.evaluate(() => (window as unknown as { cspResult: ThreadsPageResult }).cspResult);
    expect(errors).to.deep.equal([]);
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

describe('@csp/threads in headless Chromium', () => {
  before(async () => {
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    // The page, the thread entry (next to it, where thread-host looks) and the jobs, as ES modules.
    await build({
      entryPoints: {
        'threads-page': join(here, 'fixtures', 'threads-page.ts'),
        'threads-jobs': join(here, 'fixtures', 'threads-jobs.ts'),
        'thread-entry': join(root, 'packages', 'threads', 'src', 'thread-entry.ts'),
      },
      outdir: site,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      conditions: ['@csp/source'],
      logLevel: 'silent',
    });
    writeFileSync(join(site, 'index.html'), html);
  });

  it('cross-origin isolated: a SharedChan is the same channel in a Web Worker', async () => {
    const result = await visit(isolation);
    expect(result).to.deep.equal({ isolated: true, support: undefined, sum: 5050, echoed: { id: 7, tags: ['a', 'b'] } });
  });

  it('not isolated: a clear SharedMemoryUnavailableError', async () => {
    const result = await visit({});
    expect(result.isolated).to.equal(false);
    expect(result.support).to.match(/crossOriginIsolated/);
    expect(result.error).to.match(/^SharedMemoryUnavailableError: .*Cross-Origin-Opener-Policy/);
  });
});
