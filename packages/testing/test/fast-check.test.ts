// `@csp/testing/fast-check`: a bubble's schedule as a fast-check value. fast-check finds a planted
// race, shrinks its schedule to the deviations that matter, and both the printed counterexample
// and fast-check's seed/path replay it; the guarded version passes.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Chan, go, recv, select, time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { schedule } from '@csp/testing/fast-check';

/**
 * The planted race: an unguarded check-then-act across an `await`. A goroutine warms up a lazily
 * dialed connection while the test function, after two log lines, connects too. Each caller
 * checks that nobody has dialed, awaits a (non-blocking) log send, then dials. In the default
 * order the warm-up has dialed before the main path checks; a warm-up that starts one or two
 * microtask turns late checks while the main path is inside its window, and both dial.
 */
async function warmUpRace(): Promise<void> {
  let connection: object | undefined;
  let dials = 0;
  const log = new Chan<string>(10);
  const connect = async (who: string): Promise<object> => {
    if (connection === undefined) {
      await log.send(`${who} dials`); // another caller can check here
      dials++;
      connection = {};
    }
    return connection;
  };
  await runBoth(connect, log);
  if (dials > 1) throw new Error(`dialed ${dials} times`);
}

/** The guarded version: the check and the act (memoizing the dial) happen before any `await`. */
async function warmUpGuarded(): Promise<void> {
  let connection: Promise<object> | undefined;
  let dials = 0;
  const log = new Chan<string>(10);
  const connect = (who: string): Promise<object> =>
    (connection ??= (async () => {
      dials++;
      await log.send(`${who} dials`);
      return {};
    })());
  await runBoth(connect, log);
  if (dials > 1) throw new Error(`dialed ${dials} times`);
}

/** A warm-up goroutine and the main path both connect. */
async function runBoth(connect: (who: string) => Promise<object>, log: Chan<string>): Promise<void> {
  const warmedUp = new Chan<void>();
  go(async () => {
    await connect('warm-up');
    warmedUp.close();
  });
  await log.send('main starts');
  await log.send('main loads its configuration');
  await connect('main');
  await warmedUp.recv();
}

const raceProperty = (body: () => Promise<void>) =>
  fc.asyncProperty(schedule(), (decisions) => synctest.test(body, { schedule: decisions }));

describe('@csp/testing/fast-check: schedule()', () => {
  it('fast-check finds the planted race and shrinks it to the two decisions that matter', async () => {
    expect(await synctest.test(warmUpRace), 'the default order passes').to.equal(undefined);
    const details = await fc.check(raceProperty(warmUpRace), { seed: 42, numRuns: 200 });
    expect(details.failed, 'fast-check found it').to.equal(true);
    // The warm-up goroutine starts one microtask turn late (floor(0.2 * 5) = 1).
    expect(details.counterexample).to.deep.equal([[0.2]]);
    expect((details.errorInstance as Error).message).to.equal('dialed 2 times');
  });

  it('the printed counterexample replays the race, as do fast-check’s seed and path', async () => {
    const details = await fc.check(raceProperty(warmUpRace), { seed: 7, numRuns: 200 });
    expect(details.failed).to.equal(true);
    const [decisions] = details.counterexample!;
    for (let i = 0; i < 3; i++) {
      const replay = await synctest.test(warmUpRace, { schedule: decisions }).catch((e: Error) => e.message);
      expect(replay, `replay ${i + 1}`).to.equal('dialed 2 times');
    }
    const failure = await fc
      .assert(raceProperty(warmUpRace), { seed: details.seed, path: details.counterexamplePath!, endOnFailure: true })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(failure?.message).to.include(`Counterexample: [${fc.stringify(decisions)}]`);
    expect((failure?.cause as Error).message).to.equal('dialed 2 times');
  });

  it('the guarded version passes every schedule fast-check tries', async () => {
    await fc.assert(raceProperty(warmUpGuarded), { seed: 42, numRuns: 300 });
    const details = await fc.check(raceProperty(warmUpGuarded), { numRuns: 300 });
    expect(details.failed).to.equal(false);
    expect(details.numRuns).to.equal(300);
  });

  it('composes with the other generated inputs of a property', async () => {
    // Several warm-up goroutines: the race shrinks to one of them, with its schedule.
    const race = async (warmUps: number): Promise<void> => {
      let dials = 0;
      let dialed = false;
      const log = new Chan<string>(warmUps + 10);
      const connect = async (): Promise<void> => {
        if (!dialed) {
          await log.send('dial');
          dials++;
          dialed = true;
        }
      };
      const done = new Chan<void>(warmUps);
      for (let i = 0; i < warmUps; i++) go(async () => void (await connect(), await done.send()));
      await log.send('main starts');
      await log.send('main loads its configuration');
      await connect();
      for (let i = 0; i < warmUps; i++) await done.recv();
      if (dials > 1) throw new Error(`dialed ${dials} times`);
    };
    const details = await fc.check(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), schedule(), (warmUps, decisions) =>
        synctest.test(() => race(warmUps), { schedule: decisions }),
      ),
      { seed: 3, numRuns: 300 },
    );
    expect(details.failed).to.equal(true);
    const [warmUps, decisions] = details.counterexample!;
    expect(warmUps).to.equal(1);
    const replay = await synctest.test(() => race(warmUps), { schedule: decisions }).catch((e: Error) => e.message);
    expect(replay).to.equal('dialed 2 times');
  });

  it('fast-check’s own fc.scheduler() orders goroutines’ tasks inside a bubble when the test function releases them', async () => {
    const orders = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const order = await synctest.test(async () => {
          const seen: string[] = [];
          const done = new Chan<void>(2);
          for (const name of 'ab') {
            go(async () => {
              seen.push(await s.schedule(Promise.resolve(name)));
              await done.send();
            });
          }
          await s.waitFor(done.recv());
          await s.waitFor(done.recv());
          return seen.join('');
        });
        orders.add(order);
      }),
      { seed: 5, numRuns: 20 },
    );
    expect([...orders].sort()).to.deep.equal(['ab', 'ba']);
  });

  it('throws at the call for a bad maxLength', () => {
    expect(() => schedule({ maxLength: -1 })).to.throw(RangeError, /schedule: maxLength/);
    expect(fc.sample(schedule({ maxLength: 3 }), 50).every((s) => s.length <= 3)).to.equal(true);
    for (const decisions of fc.sample(schedule(), 50)) {
      for (const d of decisions) expect(d).to.be.within(0, 0.999);
    }
  });
});

describe('the entry points', () => {
  /** The packages `entry` imports, following its relative imports through `src/`. */
  function packagesImportedBy(entry: string): Set<string> {
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: URL): void => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)) {
        if (specifier!.startsWith('.')) visit(new URL(specifier!.replace(/\.js$/, '.ts'), file));
        else packages.add(specifier!);
      }
    };
    visit(new URL(`../src/${entry}`, import.meta.url));
    return packages;
  }

  it('@csp/testing never loads fast-check; @csp/testing/fast-check does', () => {
    const main = [...packagesImportedBy('index.ts')];
    expect(main, 'the walk follows the imports').to.include('@csp/channel/internal');
    expect(main).to.not.include('fast-check');
    expect([...packagesImportedBy('fast-check.ts')]).to.include('fast-check');
  });
});

describe('synctest.test(fn, { schedule })', () => {
  it('takes the decisions in order: start delays, select choices, simultaneous timers', async () => {
    const run = (decisions: readonly number[]): Promise<string> =>
      synctest.test(
        async () => {
          const a = new Chan<string>(1);
          const b = new Chan<string>(1);
          a.trySend('a');
          b.trySend('b');
          const chosen = (await select([recv(a), recv(b)])).value!;
          const order: string[] = [];
          await Promise.all([...'xyz'].map((name) => time.sleep(time.second).then(() => order.push(name))));
          return `${chosen} ${order.join('')}`;
        },
        { schedule: decisions },
      );
    // Decision 1 is the select, 2 to 4 the three timers (the test function starts at once).
    expect(await run([])).to.equal('a xyz');
    expect(await run([0.5])).to.equal('b xyz');
    expect(await run([0, 0.9, 0.5, 0.1])).to.equal('a zyx');
    expect(await run([0, 0.5, 0, 0.5])).to.equal('a yxz');
  });

  it('copies the decisions: changing the array afterwards changes nothing', async () => {
    const decisions = [0.5];
    const running = synctest.test(() => select([recv(chanOf('a')), recv(chanOf('b'))]), { schedule: decisions });
    decisions[0] = 0;
    expect((await running).index).to.equal(1);
  });

  it('throws at the call for a bad schedule', () => {
    const body = (): void => {};
    expect(() => synctest.test(body, { schedule: 'x' as unknown as number[] })).to.throw(
      TypeError,
      "synctest.test: schedule must be an array of numbers in [0, 1), got 'x' (a string)",
    );
    expect(() => synctest.test(body, { schedule: [0, 1] })).to.throw(
      RangeError,
      'synctest.test: schedule[1] must be a number in [0, 1), got 1',
    );
    expect(() => synctest.test(body, { schedule: [Number.NaN] })).to.throw(RangeError, /schedule\[0\]/);
    expect(() => synctest.test(body, { schedule: [], seed: 1 })).to.throw(
      TypeError,
      'synctest.test: give a seed or a schedule, not both',
    );
  });
});

/** A buffered channel holding `value`. */
function chanOf(value: string): Chan<string> {
  const ch = new Chan<string>(1);
  ch.trySend(value);
  return ch;
}
