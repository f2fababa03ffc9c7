// The picture of every primitive and pattern page: the page's example, run under `@csp/trace`
// with the logical clock, drawn as a swimlane SVG (or, for an example that deadlocks, as its
// wait-for graph). `build-traces.ts` calls this at docs build time; docs/test/trace-pictures.test.ts
// checks that every page shows its picture and that each picture is drawn.
//
// Which example: the page's TypeScript block marked `trace` (`<!-- trace -->` on the line before
// its fence, with the doctest markers), else its first block that runs and exits with code 0.
// Each example runs in its own Node process (`trace-example.ts`), as the doctests run them, so an
// example that deadlocks or leaves a timer armed cannot disturb the others.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSnippets, type Snippet } from '../test/doctest/snippets.js';

/** The docs folder. */
export const docs = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The sections whose every page shows a picture of its example. */
export const sections = ['primitives', 'patterns'] as const;

/** Where the pictures of the pages go: `docs/public/traces/pages/`, served as `/traces/pages/`. */
export const pagesOut = join(docs, 'public', 'traces', 'pages');

/** One page's picture: which example it draws and where. */
export interface PagePicture {
  /** The page, relative to `docs/`, e.g. `primitives/channel.md`. */
  readonly page: string;
  /** The example it draws. */
  readonly snippet: Snippet;
  /** The picture's file name, e.g. `primitives-channel.svg`. */
  readonly file: string;
  /** The address the page shows it at, e.g. `/traces/pages/primitives-channel.svg`. */
  readonly src: string;
  /** The page's heading. */
  readonly heading: string;
  /** The picture's title: the page's heading and the example's line. */
  readonly title: string;
}

/** The example a page's picture draws: its block marked `trace`, else its first that runs and exits 0. */
export function exampleOf(snippets: readonly Snippet[]): Snippet | undefined {
  return snippets.find((s) => s.flags.includes('trace')) ?? snippets.find((s) => s.run && s.exitCode === 0);
}

/** The picture of every page of {@link sections} (their `index.md` left out), sorted by page. */
export function pagePictures(): PagePicture[] {
  return sections.flatMap((section) =>
    readdirSync(join(docs, section))
      .filter((name) => name.endsWith('.md') && name !== 'index.md')
      .sort()
      .map((name): PagePicture => {
        const page = `${section}/${name}`;
        const text = readFileSync(join(docs, page), 'utf8');
        const snippet = exampleOf(extractSnippets(page, text));
        if (snippet === undefined) throw new Error(`docs/${page}: no example to trace (no TypeScript block that runs)`);
        const file = `${section}-${basename(name, '.md')}.svg`;
        const heading = /^# (.+)$/m.exec(text)?.[1] ?? page;
        const title = `${heading}: the example at line ${snippet.line}, traced`;
        return { page, snippet, file, src: `/traces/pages/${file}`, heading, title };
      }),
  );
}

/**
 * The Markdown that shows `picture` on its page (each page has it once, after the example's
 * section): the image and a caption saying how it was drawn.
 */
export function pictureMarkdown(picture: PagePicture): string {
  const what =
    picture.snippet.exitCode === 0
      ? 'one lane per goroutine, red while blocked, grey while sleeping, blue arrows for messages'
      : 'the wait-for graph of the goroutines left parked when it deadlocks';
  return [
    `![${picture.heading}: this section's example, traced](${picture.src})`,
    '',
    `*Drawn at docs build time by running this section's example under [\`@csp/trace\`](../trace.md): ${what}.*`,
  ].join('\n');
}

/** How drawing one page's picture went. */
export interface Drawn {
  readonly picture: PagePicture;
  /** `swimlane`, `wait-for graph`, or why it failed. */
  readonly outcome: string;
  readonly ok: boolean;
}

const runner = join(docs, 'scripts', 'trace-example.ts');

/** Runs `picture`'s example under the tracer in its own process and writes its SVG into `out`. */
function drawOne(picture: PagePicture, scratch: string, out: string): Promise<Drawn> {
  const program = join(scratch, picture.file.replace(/\.svg$/, '.ts'));
  writeFileSync(program, `${picture.snippet.code}\nexport {};\n`);
  const args = ['--conditions=@csp/source', '--import=tsx/esm', runner, program, join(out, picture.file), picture.title];
  // Not the caller's Node options nor its coverage collection: the example runs as a user runs it.
  const { NODE_OPTIONS: _options, NODE_V8_COVERAGE: _coverage, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: docs, env, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const drawn = /^trace-example: drew (.+)$/m.exec(stderr)?.[1];
      const exitCode = error === null ? 0 : error.code;
      if (drawn !== undefined && exitCode === picture.snippet.exitCode) resolve({ picture, outcome: drawn, ok: true });
      else
        resolve({
          picture,
          ok: false,
          outcome: `exit ${String(exitCode ?? error?.signal)} (expected ${picture.snippet.exitCode}): ${stderr.trim() || stdout.trim()}`,
        });
    });
  });
}

/**
 * Draws every page's picture into `out` (default {@link pagesOut}), at most one example per CPU
 * at a time. Resolves with how each went; never rejects for an example that fails.
 */
export async function drawPagePictures(out = pagesOut): Promise<Drawn[]> {
  const pictures = pagePictures();
  const scratch = join(docs, `.doctest-traces-${process.pid}`); // git-ignored, like the doctests' folder
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  mkdirSync(out, { recursive: true });
  const results: Drawn[] = new Array<Drawn>(pictures.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pictures.length) {
      const i = next++;
      results[i] = await drawOne(pictures[i]!, scratch, out);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, worker));
  rmSync(scratch, { recursive: true, force: true });
  return results;
}
