// Runs one docs example under `@csp/trace` and draws it (see page-traces.ts):
//
//   node --conditions=@csp/source --import=tsx/esm docs/scripts/trace-example.ts <program.ts> <out.svg> <title>
//
// The trace runs, with the logical clock, from before the example's first line until the process
// exits, so it sees every goroutine end. An example that exits while goroutines are still parked
// (the deadlock report's exit code 2) is drawn as its wait-for graph; any other as its swimlane.
// The process keeps the example's exit code and says what it drew on stderr.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startTracing, toSvg, waitForSvg } from '@csp/trace';

const [program, out, title] = process.argv.slice(2);
if (program === undefined || out === undefined || title === undefined) {
  console.error('usage: trace-example.ts <program.ts> <out.svg> <title>');
  process.exit(1);
}

// The toolkit initialises before the trace starts, as Go's runtime does before `main`.
await Promise.all([import('@csp/sync'), import('@csp/patterns')]);
const tracing = startTracing({ clock: 'logical', waitForGraph: false });
process.on('exit', (code) => {
  const state = tracing.waitState();
  const deadlocked = code !== 0 && state.parked.length > 0;
  const trace = tracing.stop();
  if (code !== 0 && !deadlocked) return; // a failure: nothing to draw
  writeFileSync(out, `${deadlocked ? waitForSvg(state) : toSvg(trace, { title })}\n`);
  process.stderr.write(`trace-example: drew ${deadlocked ? 'wait-for graph' : 'swimlane'}\n`);
});
await import(pathToFileURL(resolve(program)).href);
