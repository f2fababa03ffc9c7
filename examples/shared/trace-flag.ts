// `--trace` for `pnpm example <name>` and `pnpm workshop NN --main`: live terminal swimlanes while
// the program runs, then its pictures written when the process exits (see docs/trace.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The `--trace`, `--trace=logical` and `--trace-out=<dir>` flags among `args`, if any. */
export interface TraceFlags {
  readonly clock: 'real' | 'logical';
  readonly out: string;
}

/** Parses the trace flags; `undefined` when `--trace` is not given. */
export function traceFlags(args: readonly string[]): TraceFlags | undefined {
  const flag = args.find((arg) => arg === '--trace' || arg.startsWith('--trace='));
  if (flag === undefined) return undefined;
  const out = args.find((arg) => arg.startsWith('--trace-out='))?.slice('--trace-out='.length);
  return { clock: flag === '--trace=logical' ? 'logical' : 'real', out: out ?? tmpdir() };
}

/**
 * Starts tracing with live swimlanes on stdout; when the process exits, writes `<name>.trace.json`
 * (Chrome Trace Event JSON: open it in https://ui.perfetto.dev), `<name>.trace.html` (a swimlane)
 * and `<name>.trace.mmd` (Mermaid) to `flags.out`, and after a deadlock `<name>.wait-for.svg`.
 */
export async function startTrace(name: string, flags: TraceFlags): Promise<void> {
  const { startTracing, toChromeTrace, toHtml, toMermaid, waitForSvg } = await import('@csp/trace');
  // The toolkit initialises before the trace starts, as Go's runtime does before `main`.
  await Promise.all([import('@csp/sync'), import('@csp/patterns')]);
  const tracing = startTracing({ clock: flags.clock, live: true });
  process.on('exit', (code) => {
    const state = tracing.waitState();
    const trace = tracing.stop();
    mkdirSync(flags.out, { recursive: true });
    const base = join(flags.out, `${name}.trace`);
    writeFileSync(`${base}.json`, `${JSON.stringify(toChromeTrace(trace))}\n`);
    writeFileSync(`${base}.html`, toHtml(trace, { title: name }));
    writeFileSync(`${base}.mmd`, toMermaid(trace));
    process.stderr.write(`trace: ${base}.json (open in https://ui.perfetto.dev), ${base}.html, ${base}.mmd\n`);
    if (code === 2 && state.parked.length > 0) {
      writeFileSync(`${base}.wait-for.svg`, waitForSvg(state));
      process.stderr.write(`wait-for graph: ${base}.wait-for.svg\n`);
    }
  });
}
