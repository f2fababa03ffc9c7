// The docs site in a real browser: builds it, serves the output on 127.0.0.1, opens the key pages
// in headless Chromium, checks that each renders its heading and its code with no console error,
// follows a sidebar link as a reader would, and saves screenshots in .tmp/screenshots/.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { collectErrors, launchChromium, type Browser } from './chromium.js';
import { serveStatic, type StaticServer } from './static-server.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = join(docs, '..');
export const screenshots = join(root, '.tmp', 'screenshots');
const run = promisify(execFile);

/**
 * Builds the site as `pnpm docs:build` does; returns its output folder. `DOCS_PREBUILT=1` skips
 * the build and tests the output of the last one (to iterate on these tests).
 */
async function buildSite(): Promise<string> {
  if (process.env.DOCS_PREBUILT === '1') return join(docs, '.vitepress', 'dist');
  await run(process.execPath, [join(docs, 'scripts', 'build-api.mjs')], { cwd: docs });
  const traces = ['--conditions=@csp/source', '--import=tsx/esm', join(docs, 'scripts', 'build-traces.ts')];
  await run(process.execPath, traces, { cwd: docs, maxBuffer: 16 * 1024 * 1024 });
  await run(process.execPath, [join(docs, 'node_modules', 'vitepress', 'bin', 'vitepress.js'), 'build', docs], {
    cwd: docs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return join(docs, '.vitepress', 'dist');
}

interface KeyPage {
  readonly path: string;
  /** The Markdown page it is built from (a page not written yet is not checked). */
  readonly source: string;
  /** Text that one of its code blocks contains. */
  readonly code: string;
  /** The file name (in .tmp/screenshots/, without `.png`) to save a screenshot of it as. */
  readonly screenshot?: string;
}

const keyPages: KeyPage[] = [
  { path: '/', source: 'index.md', code: 'new Chan<number>()', screenshot: 'home' },
  { path: '/getting-started', source: 'getting-started.md', code: "from '@csp/channel'" },
  { path: '/porting-guide', source: 'porting-guide.md', code: 'new Chan' },
  { path: '/primitives/channel', source: 'primitives/channel.md', code: 'make(chan', screenshot: 'channel' },
  { path: '/primitives/select', source: 'primitives/select.md', code: 'select(' },
  { path: '/primitives/deadlock', source: 'primitives/deadlock.md', code: 'all goroutines are asleep' },
  { path: '/primitives/mutex', source: 'primitives/mutex.md', code: 'new Mutex()' },
  { path: '/primitives/context', source: 'primitives/context.md', code: 'context.' },
  { path: '/workshop/', source: 'workshop/index.md', code: 'pnpm workshop' },
  { path: '/workshop/06-lock-order', source: 'workshop/06-lock-order.md', code: 'sync.Mutex.Lock', screenshot: 'workshop-06' },
  { path: '/benchmarks', source: 'benchmarks.md', code: 'pnpm' },
  { path: '/api/channel/classes/Chan', source: 'api/channel/classes/Chan.md', code: 'new Chan' },
  ...patternPages().slice(0, 1),
];

/** The first page of the Patterns section, if it is written. */
function patternPages(): KeyPage[] {
  const dir = join(docs, 'patterns');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => ({
      path: `/patterns/${file.replace(/(index)?\.md$/, '')}`,
      source: `patterns/${file}`,
      code: '@csp/',
    }));
}

describe('the docs site in headless Chromium', function () {
  let server: StaticServer;
  let browser: Browser;

  before(async function () {
    this.timeout(240_000);
    const dist = await buildSite();
    mkdirSync(screenshots, { recursive: true });
    [server, browser] = await Promise.all([serveStatic(dist), launchChromium()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // A page whose Markdown is not written (yet) has nothing to check.
  for (const key of keyPages.filter((page) => page.source.startsWith('api/') || existsSync(join(docs, page.source)))) {
    it(`renders ${key.path} with its heading and code, and no console error`, async () => {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      const response = await page.goto(server.url + key.path, { waitUntil: 'networkidle' });
      expect(response?.status(), 'HTTP status').to.equal(200);
      const heading = key.path === '/' ? '.VPHero .name' : '.vp-doc h1';
      expect((await page.locator(heading).first().textContent())?.trim()).to.not.equal('');
      const code = await page.locator('.vp-doc div[class*="language-"] pre code').allTextContents();
      expect(code.length, 'code blocks').to.be.greaterThan(0);
      expect(
        code.some((text) => text.includes(key.code)),
        `a code block with ${key.code}`,
      ).to.equal(true);
      if (key.screenshot !== undefined) await page.screenshot({ path: join(screenshots, `${key.screenshot}.png`) });
      if (key.path === '/primitives/channel') {
        // The Go original beside its port: both blocks side by side, in one row.
        const [go, ts] = await page.locator('.vp-doc .go-ts').first().locator('div[class*="language-"]').all();
        const [goBox, tsBox] = [await go!.boundingBox(), await ts!.boundingBox()];
        expect(tsBox!.x, 'the TypeScript block is to the right of the Go block').to.be.greaterThan(goBox!.x + goBox!.width - 1);
        await page
          .locator('.vp-doc .go-ts')
          .first()
          .screenshot({ path: join(screenshots, 'go-beside-ts.png') });
      }
      expect(errors).to.deep.equal([]);
      await page.close();
    });
  }

  // The pictures drawn at build time (docs/scripts/page-traces.ts): each loads and has a size.
  for (const [path, shot] of [
    ['/primitives/deadlock', 'trace-page-deadlock'],
    ['/patterns/worker-pool', 'trace-page-worker-pool'],
    ['/primitives/select', 'trace-page-select'],
  ] as const) {
    it(`shows the traced picture of ${path}'s example`, async () => {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      const picture = page.locator('.vp-doc img[src^="/traces/pages/"]');
      expect(await picture.count(), 'one picture').to.equal(1);
      const size = await picture.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
      expect(size.width, 'drawn (loaded, with a width)').to.be.greaterThan(300);
      expect(size.height).to.be.greaterThan(50);
      await picture.scrollIntoViewIfNeeded();
      await picture.screenshot({ path: join(screenshots, `${shot}.png`) });
      expect(errors).to.deep.equal([]);
      await page.close();
    });
  }

  it('follows a sidebar link to another page without a reload', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/primitives/channel`, { waitUntil: 'networkidle' });
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    await page.locator('.VPSidebar a[href="/primitives/select"]').click();
    await page.waitForURL('**/primitives/select');
    await page.locator('.vp-doc h1', { hasText: /select/i }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker), 'no full reload').to.equal(true);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
