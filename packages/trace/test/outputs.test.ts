// The renderers and the Trace Event validator: the validator catches each broken rule, every
// renderer handles a real-clock trace, and the SVG escapes what programs put in names.
import { expect } from 'chai';
import { Chan, go, recv, select, time } from '@csp/channel';
import { RWMutex } from '@csp/sync';
import {
  formatTimeline,
  modelOf,
  named,
  toChromeTrace,
  toHtml,
  toMermaid,
  toSvg,
  traceProgram,
  validateChromeTrace,
  waitForSvg,
  startTracing,
  type ChromeEvent,
} from '@csp/trace';

const meta: ChromeEvent = { name: 'process_name', ph: 'M', pid: 1, args: { name: 'p' } };

describe('@csp/trace outputs', () => {
  it('the validator accepts a well-formed file', () => {
    const file = {
      traceEvents: [
        meta,
        { name: 'g', ph: 'X', pid: 1, tid: 1, ts: 0, dur: 10 },
        { name: 'inner', ph: 'X', pid: 1, tid: 1, ts: 2, dur: 3 },
        { name: 'm', ph: 's', pid: 1, tid: 1, ts: 3, cat: 'message', id: '1' },
        { name: 'm', ph: 'f', bp: 'e', pid: 1, tid: 2, ts: 4, cat: 'message', id: '1' },
      ],
    };
    expect(validateChromeTrace(file)).to.deep.equal([]);
  });

  it('the validator reports unpaired flows, time going back on a track, bad nesting and bad fields', () => {
    const file = {
      traceEvents: [
        { name: 'a', ph: 'X', pid: 1, tid: 1, ts: 5, dur: 10 },
        { name: 'b', ph: 'X', pid: 1, tid: 1, ts: 4, dur: 1 },
        { name: 'c', ph: 'X', pid: 1, tid: 2, ts: 0, dur: 10 },
        { name: 'd', ph: 'X', pid: 1, tid: 2, ts: 5, dur: 10 },
        { name: 'm', ph: 's', pid: 1, tid: 1, ts: 20, cat: 'message', id: '1' },
        { name: 'n', ph: 's', pid: 1, tid: 1, ts: 21, cat: 'message', id: '2' },
        { name: 'n', ph: 'f', pid: 1, tid: 2, ts: 19, cat: 'message', id: '2' },
        { name: 'z', ph: 'Q', pid: 1, tid: 2, ts: 19 },
        { name: 'y', ph: 'i', pid: 1, tid: 3, ts: -1 },
      ],
    };
    const problems = validateChromeTrace(file).join('\n');
    expect(problems).to.include('ts 4 < 5 earlier on track 1/1');
    expect(problems).to.include('after its enclosing slice');
    expect(problems).to.include('flow message/1: 1 start(s) and 0 finish(es)');
    expect(problems).to.include('flow message/2: finishes at 19 before it starts at 21');
    expect(problems).to.include('unknown phase Q');
    expect(problems).to.include('ts -1 is not a finite non-negative number');
    expect(validateChromeTrace({})).to.deep.equal(['traceEvents is not an array']);
  });

  it('renders a real-clock trace: valid JSON, SVG, HTML, Mermaid and swimlanes', async () => {
    const trace = await traceProgram(async () => {
      const ch = new Chan<string>(2, { name: 'a<b>&"c"' });
      go(
        named('p<1>', async () => {
          for (let i = 0; i < 20; i++) await ch.send(`<v${i}>`);
          ch.close();
        }),
      );
      for await (const v of ch) void v;
    });
    expect(trace.clock).to.equal('real');
    expect(validateChromeTrace(toChromeTrace(trace))).to.deep.equal([]);
    const svg = toSvg(trace);
    expect(svg).to.include('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(svg).not.to.include('<v1>');
    expect(svg.match(/class="message"/g)).to.have.length(20);
    expect(toHtml(trace, { title: 't<' })).to.include('<title>t&lt;</title>');
    expect(toMermaid(trace).split('\n')[0]).to.equal('sequenceDiagram');
    expect(formatTimeline(trace)).to.include('G2 p<1>');
  });

  it('names the ready cases a select abandoned', async () => {
    const trace = await traceProgram(
      async () => {
        const a = new Chan<number>(1, { name: 'a' });
        const b = new Chan<number>(1, { name: 'b' });
        await a.send(1);
        await b.send(2);
        await select([recv(a), recv(b)]);
      },
      { clock: 'logical' },
    );
    const line = formatTimeline(trace, { column: 60 })
      .split('\n')
      .find((l) => l.includes('select'));
    expect(line).to.match(/select: chose <-(a|b), abandoned <-(b|a)/);
    expect(toMermaid(trace)).to.match(/Note over G1: select <-a <-b: chose <-(a|b), abandoned <-(b|a)/);
  });

  it('keeps a goroutine that waits on two operations at once valid and ends each wait where it ended', async () => {
    const trace = await traceProgram(
      async () => {
        const a = new Chan<number>(0, { name: 'a' });
        const b = new Chan<number>(0, { name: 'b' });
        go(
          named('feeder', async () => {
            await a.send(1);
            await time.sleep(1);
            await b.send(2);
          }),
        );
        // Parks on b, then on a; a is served first: the waits overlap without nesting.
        await Promise.all([b.recv(), a.recv()]);
      },
      { clock: 'logical' },
    );
    const main = modelOf(trace).lanes.find((lane) => lane.goroutine.id === 1)!;
    const waits = main.blocked.map((span) => [span.subject, span.open]);
    expect(waits).to.deep.equal([
      ['b', false],
      ['a', false],
    ]);
    const [onB, onA] = main.blocked;
    expect(onA!.to).to.be.lessThan(onB!.to);
    expect(validateChromeTrace(toChromeTrace(trace))).to.deep.equal([]);
  });

  it('draws a sleep as a wait on a timer, with its duration, in every picture', async () => {
    const trace = await traceProgram(
      async () => {
        const ch = new Chan<number>(0, { name: 'ch' });
        go(named('sleeper', () => time.sleep(2).then(() => ch.send(1))));
        await ch.recv();
      },
      { clock: 'logical' },
    );
    const sleeper = modelOf(trace).lanes.find((lane) => lane.goroutine.name === 'sleeper')!;
    expect(sleeper.blocked.map((span) => [span.reason, span.subject, span.timer])).to.deep.equal([['sleep', '2ms', true]]);
    const svg = toSvg(trace);
    expect(svg.match(/<rect class="timer"[^>]*><title>sleep 2ms<\/title>/g)).to.have.length(1);
    expect(svg.match(/<text class="timer"[^>]*>sleep 2ms<\/text>/g)).to.have.length(1);
    expect(svg.match(/class="blocked"/g)).to.have.length(1); // main's receive
    const slices = toChromeTrace(trace).traceEvents.filter((e) => e.cat === 'timer');
    expect(slices.map((e) => e.name)).to.deep.equal(['sleep 2ms']);
    expect(toMermaid(trace)).to.include('Note over G2: sleep 2ms');
  });

  it('draws RWMutex read holds as such, and keeps overlapping holds valid Trace Events', async () => {
    const trace = await traceProgram(
      async () => {
        const rw = new RWMutex({ name: 'table' });
        const reader = async (): Promise<void> => {
          await rw.rLock();
          await time.sleep(1);
          rw.rUnlock();
        };
        go(named('r1', reader));
        go(named('r2', reader));
        go(named('w', () => rw.withLock(() => {})));
        await time.sleep(5);
      },
      { clock: 'logical' },
    );
    const holds = modelOf(trace).lanes.flatMap((lane) => lane.holds.map((h) => `${lane.goroutine.name}:${h.read}`));
    expect(holds).to.deep.equal(['r1:true', 'r2:true', 'w:false']);
    const svg = toSvg(trace);
    expect(svg.match(/<title>holds table \(read\)<\/title>/g)).to.have.length(2);
    expect(svg.match(/<title>holds table<\/title>/g)).to.have.length(1);
    const file = toChromeTrace(trace);
    expect(validateChromeTrace(file)).to.deep.equal([]);
    expect(file.traceEvents.filter((e) => e.ph === 'b' && e.name === 'holds table (read)')).to.have.length(2);
    expect(toMermaid(trace).match(/: holds table \(read\)$/gm)).to.have.length(2);
    expect(formatTimeline(trace, { column: 30 }).match(/🔒 table \(read\)/g)).to.have.length(2);
  });

  it('draws a wait-for graph as SVG with one arrow per wait and per holder', async () => {
    const tracing = startTracing({ waitForGraph: false });
    try {
      const ch = new Chan<number>(0, { name: 'never' });
      go(named('stuck', () => ch.recv({ signal: AbortSignal.timeout(50) }).catch(() => {})));
      go(() => ch.recv({ signal: AbortSignal.timeout(50) }).catch(() => {}));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const svg = waitForSvg(tracing.waitState());
      expect(svg.match(/class="waits"/g)).to.have.length(2);
      expect(svg).to.include('chan never');
      expect(svg).to.include('>goroutine 2 stuck<');
      expect(svg).to.include('>goroutine 3<'); // an anonymous goroutine, named once
    } finally {
      tracing.stop();
    }
  });
});
