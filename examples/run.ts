// Runs one example by name (`pnpm example <name>` from the repository root); lists them otherwise.
//
// An example is a folder here with a `main.ts`; its one-line description is the first line of
// that file, a `//` comment. With no name this prints the list; with an unknown name it prints
// the list to stderr and exits with code 1.
//
// `--trace` draws the goroutines (see docs/trace.md): live swimlanes while the example runs,
// then its trace as Chrome Trace Event JSON (open it in https://ui.perfetto.dev), an HTML
// swimlane and a Mermaid diagram (and the wait-for graph as SVG after a deadlock), written to `--trace-out=<dir>` (default: the system's temporary
// directory). `--trace=logical` numbers events instead of timing them: the same picture every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listExamples, type Example } from './shared/examples.js';

function usage(examples: readonly Example[]): string {
  const width = Math.max(...examples.map((example) => example.name.length));
  const rows = examples.map((example) => `  ${example.name.padEnd(width)}  ${example.description}`);
  return ['Usage: pnpm example <name> [--trace[=logical]] [--trace-out=<dir>]', '', 'Examples:', ...rows, ''].join('\n');
}

/** Turns tracing on for `--trace`; writes the pictures of example `name` when the process exits. */
async function startTrace(name: string, flag: string, out: string): Promise<void> {
  const { startTracing, toChromeTrace, toHtml, toMermaid, waitForSvg } = await import('@csp/trace');
  const tracing = startTracing({ clock: flag === '--trace=logical' ? 'logical' : 'real', live: true });
  process.on('exit', (code) => {
    const state = tracing.waitState();
    const trace = tracing.stop();
    mkdirSync(out, { recursive: true });
    const base = join(out, `${name}.trace`);
    writeFileSync(`${base}.json`, `${JSON.stringify(toChromeTrace(trace))}\n`);
    writeFileSync(`${base}.html`, toHtml(trace, { title: `pnpm example ${name}` }));
    writeFileSync(`${base}.mmd`, toMermaid(trace));
    process.stderr.write(`trace: ${base}.json (open in https://ui.perfetto.dev), ${base}.html, ${base}.mmd\n`);
    if (code === 2 && state.parked.length > 0) {
      writeFileSync(`${base}.wait-for.svg`, waitForSvg(state));
      process.stderr.write(`wait-for graph: ${base}.wait-for.svg\n`);
    }
  });
}

const examples = listExamples();
const name = process.argv[2];
const chosen = examples.find((example) => example.name === name);
const traceFlag = process.argv.slice(3).find((arg) => arg === '--trace' || arg.startsWith('--trace='));
const traceOut = process.argv
  .slice(3)
  .find((arg) => arg.startsWith('--trace-out='))
  ?.slice('--trace-out='.length);

if (chosen !== undefined) {
  if (traceFlag !== undefined) await startTrace(chosen.name, traceFlag, traceOut ?? tmpdir());
  await import(pathToFileURL(chosen.main).href);
} else if (name === undefined) {
  process.stdout.write(usage(examples));
} else {
  process.stderr.write(`Unknown example "${name}".\n\n${usage(examples)}`);
  process.exitCode = 1;
}
