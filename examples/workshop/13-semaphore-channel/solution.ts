// Exercise 13, solution: the slot goes back on every path, in a `finally` (Go's
// `defer func() { <-sem }()`). A download that fails no longer keeps its slot for good.
import { Chan, time } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

/** Downloads one url (a slow call); rejects when it fails. */
export type Download = (url: string) => Promise<string>;

/**
 * Downloads every url, at most `limit` at once. Resolves, once all are done, with each url's
 * body or the error it failed with, in the order of `urls`.
 */
export async function downloadAll(urls: readonly string[], download: Download, limit: number): Promise<(string | Error)[]> {
  // A slot per download running: a send takes one (it blocks while `limit` are taken), a
  // receive gives it back. The loop below waits for a free slot before it starts a goroutine.
  const slots = new Chan<void>(limit, { name: 'slots' });
  const results: (string | Error)[] = new Array<string | Error>(urls.length);
  const wg = new WaitGroup();
  for (const [i, url] of urls.entries()) {
    await slots.send();
    wg.go(async () => {
      try {
        results[i] = await download(url);
      } catch (error) {
        results[i] = error as Error;
      } finally {
        await slots.recv();
      }
    });
  }
  await wg.wait();
  return results;
}

/** The program `pnpm workshop 13 --main` runs: six downloads, two at a time, two of them failing. */
export async function main(): Promise<void> {
  const download: Download = async (url) => {
    await time.sleep(10);
    if (url.endsWith('3') || url.endsWith('4')) throw new Error(`${url}: 404`);
    return `<${url}>`;
  };
  const urls = [1, 2, 3, 4, 5, 6].map((n) => `/page/${n}`);
  const results = await downloadAll(urls, download, 2);
  console.log(results.map((r) => (r instanceof Error ? r.message : r)));
}
