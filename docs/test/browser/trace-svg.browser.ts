// @csp/trace's pictures in a real browser: traces a small program (a buffered pipeline, a mutex
// handed over, a worker pool) in Node, writes its HTML swimlane and a wait-for graph, opens them
// in headless Chromium, checks that every lane, blocked span and message arrow is drawn with a
// size, and saves screenshots.
import { expect } from 'chai';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chan, go, time } from '@csp/channel';
import { Mutex } from '@csp/sync';
import { WorkerPool } from '@csp/patterns';
import { modelOf, named, startTracing, toHtml, traceProgram, waitForSvg } from '@csp/trace';
import { collectErrors, launchChromium } from './chromium.js';
import { serveStatic } from './static-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const site = join(root, '.tmp', 'browser-trace');
const screenshots = join(root, '.tmp', 'screenshots');

async function program(): Promise<void> {
  const jobs = new Chan<number>(2, { name: 'jobs' });
  const results = new Chan<number>(0, { name: 'results' });
  const mu = new Mutex({ name: 'total' });
  for (let w = 1; w <= 2; w++) {
    go(async function worker(id: number) {
      for await (const j of jobs) {
        await mu.lock();
        await time.sleep(1);
        mu.unlock();
        await results.send(j * j + id * 0);
      }
    }, w);
  }
  go(
    named('producer', async () => {
      for (let j = 1; j <= 4; j++) await jobs.send(j);
      jobs.close();
    }),
  );
  for (let i = 0; i < 4; i++) await results.recv();
  const pool = new WorkerPool({ concurrency: 2, name: 'pool' });
  await Promise.all([pool.run(() => time.sleep(1)), pool.run(() => 2)]);
  await pool.close();
}

describe('@csp/trace pictures in headless Chromium', () => {
  it('draws the swimlane and the wait-for graph', async () => {
    const trace = await traceProgram(program, { clock: 'logical' });
    const model = modelOf(trace);
    const tracing = startTracing({ waitForGraph: false });
    const stuck = new Chan<number>(0, { name: 'stuck' });
    const held = new Mutex({ name: 'held' });
    await held.lock();
    const stop = new AbortController();
    go(named('receiver', () => stuck.recv({ signal: stop.signal }).catch(() => {})));
    go(named('locker', () => held.lock({ signal: stop.signal }).catch(() => {})));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const graph = waitForSvg(tracing.waitState());
    stop.abort();
    tracing.stop();

    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(join(site, 'index.html'), toHtml(trace, { title: 'a traced pipeline' }));
    writeFileSync(
      join(site, 'wait-for.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wait-for</title><link rel="icon" href="data:,"></head><body>${graph}</body></html>`,
    );

    const [server, browser] = await Promise.all([serveStatic(site), launchChromium()]);
    try {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${server.url}/`);
      // A string, not a function: tsx would wrap a function's inner functions in a `__name` helper
      // that the page does not have.
      const drawn = (await page.evaluate(`(() => {
        const sized = (selector) => [...document.querySelectorAll(selector)].filter((e) => {
          const box = e.getBBox();
          return box.width > 0 || box.height > 0;
        }).length;
        return {
          lanes: sized('rect.alive'),
          blocked: sized('rect.blocked'),
          timers: sized('rect.timer'),
          messages: sized('g.message'),
          jobs: sized('rect.job'),
          width: document.querySelector('svg').getBoundingClientRect().width,
        };
      })()`)) as { lanes: number; blocked: number; timers: number; messages: number; jobs: number; width: number };
      const spans = model.lanes.flatMap((lane) => lane.blocked);
      expect(drawn.lanes).to.equal(model.lanes.length);
      expect(drawn.blocked).to.equal(spans.filter((span) => !span.timer).length);
      expect(drawn.timers).to.equal(spans.filter((span) => span.timer).length);
      expect(drawn.timers).to.be.greaterThan(0); // the sleeps under the lock and in the pool job
      expect(drawn.messages).to.equal(model.arrows.length);
      expect(drawn.jobs).to.equal(2);
      expect(drawn.width).to.be.greaterThan(500);
      await page.screenshot({ path: join(screenshots, 'trace-swimlane.png'), fullPage: true });

      await page.goto(`${server.url}/wait-for.html`);
      const edges = await page.evaluate(() => ({
        waits: document.querySelectorAll('line.waits').length,
        held: document.querySelectorAll('line.held').length,
        text: document.querySelector('svg')!.textContent,
      }));
      expect(edges.waits).to.equal(2);
      expect(edges.held).to.equal(1);
      expect(edges.text).to.include('chan stuck').and.include('sync.Mutex held');
      await page.screenshot({ path: join(screenshots, 'trace-wait-for.png') });
      expect(errors).to.deep.equal([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
