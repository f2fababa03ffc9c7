// Golden traces: the seed articles' programs run with `pnpm example <name> --trace=logical` draw the same
// swimlanes and Mermaid diagram every run, and their Chrome Trace Event JSON is valid.
// `UPDATE_GOLDEN=1 npx mocha packages/trace/test/golden.test.ts` rewrites the files.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chan } from '@csp/channel';
import { Group, WaitGroup } from '@csp/sync';
import { formatTimeline, toMermaid, traceProgram, validateChromeTrace, type ChromeTrace } from '@csp/trace';

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..', '..', '..', 'examples');
const update = process.env.UPDATE_GOLDEN === '1';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly dir: string;
}

function runTraced(name: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-trace-'));
  const args = ['--conditions=@csp/source', '--import=tsx/esm', 'run.ts', name, '--trace=logical', `--trace-out=${dir}`];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: examples, timeout: 30_000, encoding: 'utf8' }, (error, stdout) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, dir });
    });
  });
}

function golden(file: string, actual: string): void {
  const path = join(here, 'golden', file);
  if (update) writeFileSync(path, actual);
  expect(actual).to.equal(readFileSync(path, 'utf8'));
}

/** One program of each seed article (examples/README.md says which example ports which seed). */
const seedPrograms = [
  'partitioned-queue', // seed 000
  'worker-pool', // seeds 001 and 004
  'basic-pool', // seed 002
  'task-pool', // seed 003
  'pipeline-squares', // seed 004
];

for (const name of seedPrograms) {
  describe(`golden trace of examples/${name}`, function () {
    this.timeout(60_000);
    let run: Run;
    before(async () => {
      run = await runTraced(name);
    });
    after(() => rmSync(run.dir, { recursive: true, force: true }));

    it('prints the same swimlanes, interleaved with the output, every run', () => {
      expect(run.code).to.equal(0);
      golden(`${name}.timeline.txt`, run.stdout);
    });

    it('draws the same Mermaid diagram every run', () => {
      golden(`${name}.mmd`, readFileSync(join(run.dir, `${name}.trace.mmd`), 'utf8'));
    });

    it('writes a valid Trace Event file: paired flows, monotonic tracks, nested slices', () => {
      const file = JSON.parse(readFileSync(join(run.dir, `${name}.trace.json`), 'utf8')) as ChromeTrace;
      expect(validateChromeTrace(file)).to.deep.equal([]);
      const flows = file.traceEvents.filter((e) => e.ph === 's');
      expect(flows.length).to.be.greaterThan(0);
      const threads = file.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.['name']);
      expect(threads).to.include('G1 main');
    });

    it('writes a self-contained HTML swimlane', () => {
      const html = readFileSync(join(run.dir, `${name}.trace.html`), 'utf8');
      expect(html).to.match(/^<!doctype html>/);
      expect(html).to.include('<svg xmlns="http://www.w3.org/2000/svg"');
      expect(html).not.to.match(/<script|https?:\/\/(?!www\.w3\.org)/);
    });
  });
}

/** `WaitGroup.go` and errgroup's `Group.go`: each function a goroutine of its own. */
async function groups(): Promise<void> {
  const results = new Chan<string>(4, { name: 'results' });
  const wg = new WaitGroup();
  for (const name of ['a', 'b']) wg.go(() => results.send(`wg ${name}`));
  await wg.wait();
  const g = new Group();
  for (const name of ['c', 'd']) await g.go(() => results.send(`group ${name}`));
  await g.wait();
  results.close();
  for await (const r of results) void r;
}

describe('golden trace of WaitGroup.go and Group.go', () => {
  it('draws each function on a lane of its own, the same every run', async () => {
    const trace = await traceProgram(groups, { clock: 'logical' });
    const lanes = trace.goroutines.filter((g) => g.id > 1);
    expect(lanes, 'one goroutine per function').to.have.length(4);
    for (const lane of lanes) {
      const own = trace.events.filter((e) => e.g === lane.id).map((e) => e.type);
      expect([own[0], own.includes('send'), own[own.length - 1]], `goroutine ${lane.id}`).to.deep.equal(['start', true, 'end']);
    }
    golden('groups.timeline.txt', `${formatTimeline(trace, { column: 18 })}\n`);
    golden('groups.mmd', toMermaid(trace));
  });
});
