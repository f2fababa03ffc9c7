// Draws the docs' pictures at docs build time (`pnpm docs:build` runs it before VitePress; the
// output, docs/public/traces/, is git-ignored):
// - docs/trace.md's gallery (gallery.ts): each program run under `@csp/trace` with the logical
//   clock, its swimlane written to docs/public/traces/<name>.svg (served as /traces/<name>.svg);
// - the picture of every primitive and pattern page: its example, traced (see page-traces.ts),
//   written to docs/public/traces/pages/. A page whose example cannot be drawn fails the build.
//
//   node --conditions=@csp/source --import=tsx/esm docs/scripts/build-traces.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSvg, traceProgram } from '@csp/trace';
import { gallery } from './gallery.js';
import { docs, drawPagePictures } from './page-traces.js';

const out = join(docs, 'public', 'traces');

mkdirSync(out, { recursive: true });
for (const [name, title, main] of gallery) {
  const trace = await traceProgram(main, { clock: 'logical' });
  writeFileSync(join(out, `${name}.svg`), `${toSvg(trace, { title })}\n`);
  console.log(`traces/${name}.svg: ${trace.events.length} events`);
}

for (const drawn of await drawPagePictures()) {
  console.log(`traces/pages/${drawn.picture.file}: ${drawn.outcome}`);
  if (!drawn.ok) process.exitCode = 1;
}
