// Each workshop exercise's before/after pictures (docs/workshop/pictures/) are drawn from its code
// by `pnpm workshop --pictures`, never by hand. This redraws them into a scratch folder and
// compares them with the committed ones. The programs run in real time, so the lengths of their
// spans move from run to run; what must not move is the outline: the title, the goroutines, and
// which of them ended and which were still alive (blocked, for a deadlock or a leak) at the end.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawPictures, exerciseNames, pictureName, picturesDir } from '../workshop/pictures.js';

/** The outline of a swimlane SVG drawn by @csp/trace: its title and, per lane, whether it ended. */
function outline(svg: string): string[] {
  const title = /<text x="8" y="18"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1] ?? '(no title)';
  const lanes = [...svg.matchAll(/<rect class="alive"[^>]*><title>([^<]*)<\/title>/g)].map((match) => match[1]!.trim());
  return [title, ...lanes];
}

describe('the workshop pictures (pnpm workshop --pictures)', function () {
  this.timeout(240_000);
  const scratch = mkdtempSync(join(tmpdir(), 'workshop-pictures-'));
  before(() => drawPictures(scratch));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const exercise of exerciseNames()) {
    for (const impl of ['start', 'solution'] as const) {
      it(`${exercise}: ${impl}.ts's picture is committed and up to date`, () => {
        const committed = join(picturesDir, pictureName(exercise, impl));
        expect(existsSync(committed), `${committed} is missing: run pnpm workshop --pictures`).to.equal(true);
        const fresh = readFileSync(join(scratch, pictureName(exercise, impl)), 'utf8');
        expect(outline(readFileSync(committed, 'utf8')), 'run pnpm workshop --pictures').to.deep.equal(outline(fresh));
      });
    }
  }
});
