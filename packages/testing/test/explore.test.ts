// Seeded schedules: select's choices, goroutine start order and simultaneous timers drawn from a
// seed; explore finds a planted race and its seed replays it.
import { expect } from 'chai';
import { Chan, go, recv, select, time } from '@csp/channel';
import { WaitGroup } from '@csp/sync';
import { ScheduleFailureError, explore, synctest } from '@csp/testing';

/**
 * The planted race: an unguarded check-then-act across an `await`. Each booking checks that a
 * seat is left, awaits a (non-blocking) audit log send, then takes the seat. Whether two
 * bookings overbook depends only on how their goroutines interleave.
 */
async function bookTwoSeatsOfOne(): Promise<void> {
  const capacity = 1;
  let booked = 0;
  const audit = new Chan<string>(10);
  const wg = new WaitGroup();
  const book = async (who: string): Promise<void> => {
    if (booked < capacity) {
      await audit.send(who); // the await between the check and the act
      booked++;
    }
  };
  wg.go(() => book('alice'));
  wg.go(() => book('bob'));
  await wg.wait();
  if (booked > capacity) throw new Error(`overbooked: ${booked} seats of ${capacity}`);
}

/** Which case each of `n` selects over two ready channels chose. */
async function selectChoices(n: number): Promise<string> {
  const a = new Chan<number>(n);
  const b = new Chan<number>(n);
  for (let i = 0; i < n; i++) {
    a.trySend(i);
    b.trySend(i);
  }
  let choices = '';
  for (let i = 0; i < n; i++) choices += (await select([recv(a), recv(b)])).index;
  return choices;
}

/** The order in which goroutines started together (and timers due together) ran. */
async function startOrder(): Promise<string> {
  const order: string[] = [];
  const wg = new WaitGroup();
  for (const name of 'abcdef') wg.go(() => void order.push(name));
  await wg.wait();
  for (const name of 'uvwxyz') time.afterFunc(time.second, () => void order.push(name));
  await time.sleep(2 * time.second);
  return order.join('');
}

describe('seeded schedules', () => {
  it('the same seed gives the same select choices, start order and timer order; another seed differs', async () => {
    const run = (seed: number): Promise<string> =>
      synctest.test(async () => `${await selectChoices(32)} ${await startOrder()}`, { seed });
    const first = await run(7);
    expect(await run(7)).to.equal(first);
    const others = new Set<string>();
    for (let seed = 100; seed < 110; seed++) others.add(await run(seed));
    expect(others.size).to.be.greaterThan(5);
    const [choices, order] = first.split(' ');
    expect(choices).to.match(/^[01]{32}$/);
    expect(choices).to.include('0').and.to.include('1');
    expect([...order!].sort().join('')).to.equal('abcdefuvwxyz');
  });

  it('without a seed, goroutines start and timers fire in the order they were made', async () => {
    expect(await synctest.test(startOrder)).to.equal('abcdefuvwxyz');
  });

  describe('what one clock advance wakes resumes in an order drawn from the seed', () => {
    /** Eight goroutines sleep until the same instant; the order in which they resume. */
    async function goroutinesWaking(): Promise<string> {
      const order: string[] = [];
      const wg = new WaitGroup();
      for (const name of 'abcdefgh') {
        wg.go(async () => {
          await time.sleep(time.second);
          order.push(name);
        });
      }
      await wg.wait();
      return order.join('');
    }

    /** Eight sleeps armed in one fixed order, due at the same instant: only the timers' order varies. */
    async function sleepsWaking(): Promise<string> {
      const order: string[] = [];
      await Promise.all([...'abcdefgh'].map((name) => time.sleep(time.second).then(() => order.push(name))));
      return order.join('');
    }

    for (const body of [goroutinesWaking, sleepsWaking]) {
      it(`${body.name}: creation order without a seed; the same order for the same seed; several orders over ten seeds`, async () => {
        const run = (seed?: number): Promise<string> => synctest.test(body, seed === undefined ? {} : { seed });
        expect(await run()).to.equal('abcdefgh');
        const first = await run(42);
        expect(await run(42), 'the same seed, the same order').to.equal(first);
        const orders = new Set<string>();
        for (let seed = 1; seed <= 10; seed++) orders.add(await run(seed));
        expect(orders.size, 'ten seeds, several orders').to.be.greaterThan(5);
        for (const order of orders) expect([...order].sort().join('')).to.equal('abcdefgh');
      });
    }
  });
});

describe('explore', () => {
  it('finds the planted race within 1,000 runs and names the seed that replays it', async () => {
    const error = await explore(bookTwoSeatsOfOne, { runs: 1000, seed: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ScheduleFailureError);
    const failure = error as ScheduleFailureError;
    expect(failure.run).to.be.within(1, 1000);
    expect(failure.message).to.match(/^explore: run \d+ of 1000 failed with seed \d+: overbooked: 2 seats of 1\n/);
    expect(failure.message).to.include(`synctest.test(fn, { seed: ${failure.seed} })`);
    expect((failure.cause as Error).message).to.equal('overbooked: 2 seats of 1');

    // The seed replays the failure, every time, both ways.
    for (let i = 0; i < 3; i++) {
      const replay = await synctest.test(bookTwoSeatsOfOne, { seed: failure.seed }).catch((e: Error) => e.message);
      expect(replay).to.equal('overbooked: 2 seats of 1');
    }
    const again = await explore(bookTwoSeatsOfOne, { seed: failure.seed, runs: 1 }).catch((e: ScheduleFailureError) => e);
    expect(again).to.be.instanceOf(ScheduleFailureError);
    expect((again as ScheduleFailureError).seed).to.equal(failure.seed);
  });

  it('the race depends on the schedule: some seeds pass', async () => {
    let passed = 0;
    for (let seed = 0; seed < 50; seed++) {
      await synctest.test(bookTwoSeatsOfOne, { seed }).then(
        () => passed++,
        () => {},
      );
    }
    expect(passed).to.be.within(1, 49);
  });

  it('the guarded version passes every schedule', async () => {
    const summary = await explore(
      async () => {
        let booked = 0;
        const wg = new WaitGroup();
        const book = async (): Promise<void> => {
          if (booked < 1) {
            booked++; // act before the await: nothing can interleave
            await time.sleep(0);
          }
        };
        wg.go(book);
        wg.go(book);
        await wg.wait();
        expect(booked).to.equal(1);
      },
      { runs: 200, seed: 3 },
    );
    expect(summary).to.deep.equal({ runs: 200, seed: 3 });
  });

  it('throws at the call for bad options', () => {
    expect(() => explore('f' as unknown as () => void)).to.throw(TypeError, /explore: fn must be a function/);
    expect(() => explore(() => {}, { runs: -1 })).to.throw(RangeError, /explore: runs/);
    expect(() => explore(() => {}, { seed: 2 ** 32 })).to.throw(RangeError, /explore: seed/);
  });

  it('a goroutine started in a seeded bubble still runs', async () => {
    await explore(
      async () => {
        const done = new Chan<void>();
        go(() => done.close());
        await done.recv();
      },
      { runs: 20 },
    );
  });
});
