// The pictures of the primitive and pattern pages (docs/scripts/page-traces.ts): every page shows
// the picture of its example, and the generator that `pnpm docs:build` runs draws each one as a
// well-formed SVG (a swimlane, or the wait-for graph of an example that deadlocks).
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractSnippets, markdownFiles } from './doctest/snippets.js';
import { gallery } from '../scripts/gallery.js';
import {
  docs,
  drawPagePictures,
  exampleOf,
  pagePictures,
  pictureMarkdown,
  sections,
  type Drawn,
} from '../scripts/page-traces.js';

/** The problems of an XML document: unbalanced or stray tags, raw `&` or `<` in text. */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(body); match !== null; match = tag.exec(body)) {
    const between = body.slice(last, match.index);
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(between))
      problems.push(`bad text before offset ${match.index}: ${between.slice(0, 40)}`);
    last = tag.lastIndex;
    const [, closing, name = '', , selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing !== '/') stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element at offset ${match.index}`);
  }
  if (body.slice(last).trim() !== '') problems.push(`text after the root element: ${body.slice(last, last + 40)}`);
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' ')}`);
  return problems;
}

describe('docs pictures: every primitive and pattern page shows its example, traced', () => {
  it('the XML check catches a broken document', () => {
    expect(xmlProblems('<svg><g><rect x="1"/></g></svg>')).to.deep.equal([]);
    expect(xmlProblems('<svg><g></svg>')).to.have.length.greaterThan(0);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).to.have.length(1);
  });

  it('picks the example marked `trace`, else the first that runs and exits 0', () => {
    const page = [
      '```ts check-only',
      'await never();',
      '```',
      '<!-- exit=2 -->',
      '```ts',
      'deadlock();',
      '```',
      '```ts',
      'first();',
      '```',
      '<!-- exit=2 trace -->',
      '```ts',
      'marked();',
      '```',
    ].join('\n');
    const snippets = extractSnippets('p.md', page);
    expect(exampleOf(snippets)?.code).to.equal('marked();');
    expect(exampleOf(snippets.slice(0, 3))?.code).to.equal('first();');
    expect(exampleOf(snippets.slice(0, 2))).to.equal(undefined);
  });

  it('every picture under /traces/ that a page shows is one the build draws', () => {
    const drawn = new Set([...gallery.map(([name]) => `/traces/${name}.svg`), ...pagePictures().map((p) => p.src)]);
    const shown = markdownFiles(docs).flatMap((file) =>
      [...readFileSync(join(docs, file), 'utf8').matchAll(/\]\((\/traces\/[^)\s]+)\)/g)].map((m) => `${file}: ${m[1]}`),
    );
    expect(shown.length).to.be.greaterThan(pagePictures().length);
    expect(shown.filter((entry) => !drawn.has(entry.slice(entry.indexOf(': ') + 2)))).to.deep.equal([]);
  });

  for (const section of sections) {
    const pages = readdirSync(join(docs, section)).filter((name) => name.endsWith('.md') && name !== 'index.md');
    for (const name of pages) {
      it(`docs/${section}/${name} shows the picture of its example once`, () => {
        const picture = pagePictures().find((p) => p.page === `${section}/${name}`);
        expect(picture, 'a picture for the page').not.to.equal(undefined);
        const text = readFileSync(join(docs, section, name), 'utf8');
        expect(text.split(`](${picture!.src})`).length - 1, `references to ${picture!.src}`).to.equal(1);
        const markdown = pictureMarkdown(picture!);
        expect(text.includes(markdown), `the page should show, after its example's section:\n\n${markdown}\n`).to.equal(true);
      });
    }
  }

  describe('the generator run at docs build time', function () {
    this.timeout(300_000);
    let out = '';
    let drawn: Drawn[] = [];
    before(async () => {
      out = mkdtempSync(join(tmpdir(), 'csp-docs-traces-'));
      drawn = await drawPagePictures(out);
    });
    after(() => rmSync(out, { recursive: true, force: true }));

    it('draws one picture per page', () => {
      expect(drawn.map((d) => d.picture.page)).to.deep.equal(pagePictures().map((p) => p.page));
      expect(drawn.map((d) => d.picture.page)).to.have.length.greaterThan(15);
    });

    for (const picture of pagePictures()) {
      it(`draws docs/${picture.page}'s example as a well-formed SVG`, () => {
        const result = drawn.find((d) => d.picture.page === picture.page)!;
        expect(result.ok, result.outcome).to.equal(true);
        const svg = readFileSync(join(out, picture.file), 'utf8');
        expect(svg).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(xmlProblems(svg)).to.deep.equal([]);
        if (picture.snippet.exitCode === 0) {
          expect(result.outcome).to.equal('swimlane');
          const title = picture.title.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
          expect(svg, 'its title').to.include(`>${title}</text>`);
          expect(svg.match(/<rect class="alive"/g)?.length ?? 0, 'lanes').to.be.greaterThan(0);
        } else {
          // An example that deadlocks: the goroutines left parked and what they wait on.
          expect(result.outcome).to.equal('wait-for graph');
          expect(svg.match(/<line class="waits"/g)?.length ?? 0, 'waits').to.be.greaterThan(0);
        }
      });
    }
  });
});
