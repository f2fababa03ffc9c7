// Ports of programs from Go's own channel tests (https://github.com/golang/go/tree/master/test/chan,
// BSD-style license, Copyright The Go Authors), kept line by line as far as TypeScript allows:
// `ch <- v` is `await send(ch, v)`, `<-ch` is `await recv(ch)`, `panic(x)` is `throw`, and
// `select { ... default: }` is `trySelect`. Each port names its file.
import { expect } from 'chai';
import { Chan, close, recv, select, send, time, trySelect } from '@csp/channel';
import { synctest } from '@csp/testing';

/**
 * Go's `go` for the ports, and the way their `main` ends: a goroutine that panics fails the
 * running test (instead of crashing the process as `@csp/channel`'s `go` does).
 */
function goroutines(): {
  go: <A extends unknown[]>(fn: (...args: A) => unknown, ...args: A) => void;
  run: (main: () => Promise<void>) => Promise<void>;
} {
  let panic: (error: unknown) => void = () => {};
  const panicked = new Promise<never>((_, reject) => (panic = reject));
  return {
    go: (fn, ...args) => {
      queueMicrotask(() => {
        Promise.resolve()
          .then(() => fn(...args))
          .catch(panic);
      });
    },
    run: (main) => Promise.race([main(), panicked]),
  };
}

/** Go's `runtime.Gosched()`: let the other goroutines run. */
const gosched = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ports of Go’s test/chan', () => {
  it('fifo.go: unbuffered channels act as pure fifos', async () => {
    const { go, run } = goroutines();
    const N = 10;

    async function AsynchFifo(): Promise<void> {
      const ch = new Chan<number>(N);
      for (let i = 0; i < N; i++) {
        await send(ch, i);
      }
      for (let i = 0; i < N; i++) {
        if ((await recv(ch)) !== i) {
          throw new Error('bad receive');
        }
      }
    }

    async function Chain(ch: Chan<number>, val: number, inp: Chan<number>, out: Chan<number>): Promise<void> {
      await recv(inp);
      if ((await recv(ch)) !== val) {
        throw new Error(String(val));
      }
      await send(out, 1);
    }

    // thread together a daisy chain to read the elements in sequence
    async function SynchFifo(): Promise<void> {
      const ch = new Chan<number>();
      let inp = new Chan<number>();
      const start = inp;
      for (let i = 0; i < N; i++) {
        const out = new Chan<number>();
        go(Chain, ch, i, inp, out);
        inp = out;
      }
      await send(start, 0);
      for (let i = 0; i < N; i++) {
        await send(ch, i);
      }
      await recv(inp);
    }

    await run(async () => {
      await AsynchFifo();
      await SynchFifo();
    });
  });

  it('sieve1.go: primes up to 100 from a daisy chain of filter goroutines', async () => {
    const { go, run } = goroutines();

    // Send the sequence 2, 3, 4, ... to channel 'ch'.
    async function Generate(ch: Chan<number>): Promise<void> {
      for (let i = 2; ; i++) {
        await send(ch, i); // Send 'i' to channel 'ch'.
      }
    }

    // Copy the values from channel 'in' to channel 'out',
    // removing those divisible by 'prime'.
    async function Filter(inp: Chan<number>, out: Chan<number>, prime: number): Promise<void> {
      for await (const i of inp) {
        // Loop over values received from 'in'.
        if (i % prime !== 0) {
          await send(out, i); // Send 'i' to channel 'out'.
        }
      }
    }

    // The prime sieve: Daisy-chain Filter processes together.
    async function Sieve(primes: Chan<number>): Promise<void> {
      let ch = new Chan<number>(); // Create a new channel.
      go(Generate, ch); // Start Generate() as a subprocess.
      for (;;) {
        // Note that ch is different on each iteration.
        const prime = (await recv(ch))!;
        await send(primes, prime);
        const ch1 = new Chan<number>();
        go(Filter, ch, ch1, prime);
        ch = ch1;
      }
    }

    await run(async () => {
      const primes = new Chan<number>();
      go(Sieve, primes);
      const a = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];
      for (let i = 0; i < a.length; i++) {
        const x = await recv(primes);
        if (x !== a[i]) {
          throw new Error(`${String(x)} != ${a[i]}: fail`);
        }
      }
    });
  });

  it('select.go: send cases evaluate their values on entry, nil cases are skipped, default ends', async () => {
    let counter = 0;
    let shift = 0;

    function GetValue(): number {
      counter++;
      return 1 << shift;
    }

    function Send(a: Chan<number> | null, b: Chan<number> | null): number {
      let i = 0;

      LOOP: for (;;) {
        const r = trySelect([send(a, GetValue()), send(b, GetValue())]);
        switch (r?.index) {
          case 0:
            i++;
            a = null;
            break;
          case 1:
            i++;
            b = null;
            break;
          default:
            break LOOP;
        }
        shift++;
      }
      return i;
    }

    const a = new Chan<number>(1);
    const b = new Chan<number>(1);
    let v = Send(a, b);
    if (v !== 2) {
      throw new Error(`Send returned ${v} != 2`);
    }
    const av = (await recv(a))!;
    const bv = (await recv(b))!;
    if ((av | bv) !== 3) {
      throw new Error(`bad values ${av} ${bv}`);
    }
    v = Send(a, null);
    if (v !== 1) {
      throw new Error(`Send returned ${v} != 1`);
    }
    if (counter !== 10) {
      throw new Error(`counter is ${counter} != 10`);
    }
  });

  it('select3.go: the semantics of select for basic empty and non-empty cases', () =>
    synctest.test(async () => {
      const { go, run } = goroutines();
      const always = 'function did not';
      const never = 'function did';
      // Go waits 100 ms to decide that a function blocks; in a bubble the wait takes no real time, and
      // the sleeper wakes only once every other goroutine is blocked, so a slow machine cannot fail it.
      const blockWait = 100;

      function unreachable(): never {
        throw new Error("control flow shouldn't reach here");
      }

      // Calls f and verifies that f always/never panics depending on signal.
      async function testPanic(signal: string, f: () => unknown): Promise<void> {
        let s = never;
        try {
          await f();
        } catch {
          s = always; // f panicked
        }
        if (s !== signal) {
          throw new Error(signal + ' panic');
        }
      }

      // Calls f and empirically verifies that f always/never blocks depending on signal.
      async function testBlock(signal: string, f: () => unknown): Promise<void> {
        const c = new Chan<string>();
        go(async () => {
          await f();
          await send(c, never); // f didn't block
        });
        go(async () => {
          await time.sleep(blockWait);
          await send(c, always); // f blocked always
        });
        if ((await recv(c)) !== signal) {
          throw new Error(signal + ' block');
        }
      }

      await run(async () => {
        const async = 1; // asynchronous channels
        const nilch: Chan<number> | null = null;
        const closedch = new Chan<number>();
        close(closedch);

        // sending/receiving from a nil channel blocks
        await testBlock(always, async () => {
          await send(nilch, 7);
        });
        await testBlock(always, async () => {
          await recv(nilch);
        });

        // sending/receiving from a nil channel inside a select is never selected
        await testPanic(never, () => {
          const r = trySelect([send(nilch, 7)]);
          if (r?.index === 0) unreachable();
        });
        await testPanic(never, () => {
          const r = trySelect([recv(nilch)]);
          if (r?.index === 0) unreachable();
        });

        // sending to an async channel with free buffer space never blocks
        await testBlock(never, async () => {
          const ch = new Chan<number>(async);
          await send(ch, 7);
        });

        // receiving from a closed channel never blocks
        await testBlock(never, async () => {
          for (let i = 0; i < 10; i++) {
            if ((await recv(closedch)) !== undefined) {
              throw new Error('expected zero value when reading from closed channel');
            }
            const [x, ok] = await closedch.recvOk();
            if (x !== undefined || ok) {
              throw new Error('expected 0, false from closed channel');
            }
          }
        });

        // sending to a closed channel panics.
        await testPanic(always, async () => {
          await send(closedch, 7);
        });

        // receiving from a non-ready channel always blocks
        await testBlock(always, async () => {
          const ch = new Chan<number>();
          await recv(ch);
        });

        // empty selects always block
        await testBlock(always, async () => {
          await select([]);
        });

        // selects with only nil channels always block
        await testBlock(always, async () => {
          await select([recv(nilch)]);
          unreachable();
        });
        await testBlock(always, async () => {
          await select([send(nilch, 7)]);
          unreachable();
        });
        await testBlock(always, async () => {
          await select([recv(nilch), send(nilch, 7)]);
          unreachable();
        });

        // selects with non-ready non-nil channels always block
        await testBlock(always, async () => {
          const ch = new Chan<number>();
          await select([recv(ch)]);
          unreachable();
        });

        // selects with default cases don't block
        await testBlock(never, () => {
          trySelect([]);
        });
        await testBlock(never, () => {
          if (trySelect([recv(nilch)]) !== undefined) unreachable();
        });
        await testBlock(never, () => {
          if (trySelect([send(nilch, 7)]) !== undefined) unreachable();
        });

        // selects with ready channels don't block
        await testBlock(never, () => {
          const ch = new Chan<number>(async);
          if (trySelect([send(ch, 7)]) === undefined) unreachable();
        });
        await testBlock(never, async () => {
          const ch = new Chan<number>(async);
          await send(ch, 7);
          if (trySelect([recv(ch)]) === undefined) unreachable();
        });

        // selects with closed channels behave like ordinary operations
        await testBlock(never, async () => {
          await select([recv(closedch)]);
        });
        await testBlock(never, async () => {
          const { value: x } = await select([recv(closedch)]);
          void x;
        });
        await testBlock(never, async () => {
          const { value: x, ok } = await select([recv(closedch)]);
          void [x, ok];
        });
        await testPanic(always, async () => {
          await select([send(closedch, 7)]);
        });

        // select should not get confused if it sees itself
        await testBlock(always, async () => {
          const c = new Chan<number>();
          await select([send(c, 1), recv(c)]);
        });
      });
    }));

  it('nonblock.go: channel operations that test for blocking', async function () {
    this.timeout(30_000);
    const { go, run } = goroutines();

    async function i32receiver(c: Chan<number>, strobe: Chan<boolean>): Promise<void> {
      if ((await recv(c)) !== 123) {
        throw new Error('i32 value');
      }
      await send(strobe, true);
    }

    async function i32sender(c: Chan<number>, strobe: Chan<boolean>): Promise<void> {
      await send(c, 234);
      await send(strobe, true);
    }

    async function i64receiver(c: Chan<bigint>, strobe: Chan<boolean>): Promise<void> {
      if ((await recv(c)) !== 123456n) {
        throw new Error('i64 value');
      }
      await send(strobe, true);
    }

    async function i64sender(c: Chan<bigint>, strobe: Chan<boolean>): Promise<void> {
      await send(c, 234567n);
      await send(strobe, true);
    }

    async function breceiver(c: Chan<boolean>, strobe: Chan<boolean>): Promise<void> {
      if (!(await recv(c))) {
        throw new Error('b value');
      }
      await send(strobe, true);
    }

    async function bsender(c: Chan<boolean>, strobe: Chan<boolean>): Promise<void> {
      await send(c, true);
      await send(strobe, true);
    }

    async function sreceiver(c: Chan<string>, strobe: Chan<boolean>): Promise<void> {
      if ((await recv(c)) !== 'hello') {
        throw new Error('s value');
      }
      await send(strobe, true);
    }

    async function ssender(c: Chan<string>, strobe: Chan<boolean>): Promise<void> {
      await send(c, 'hello again');
      await send(strobe, true);
    }

    const ticker = time.tick(10 * time.microsecond); // 10 us
    async function sleep(): Promise<void> {
      await recv(ticker);
      await recv(ticker);
      await gosched();
      await gosched();
      await gosched();
    }

    const maxTries = 10000; // Up to 100ms per test.

    /** One `for { select { case <op>: break L; default: try++; ...; sleep() } }` loop of the original. */
    async function retry<T>(attempt: () => T | undefined, failure: string): Promise<T> {
      let tries = 0;
      for (;;) {
        const r = attempt();
        if (r !== undefined) return r;
        tries++;
        if (tries > maxTries) {
          throw new Error(failure);
        }
        await sleep();
      }
    }

    await run(async () => {
      let i32: number | undefined;
      let i64: bigint | undefined;
      let b: boolean | undefined;
      let s: string | undefined;

      const sync = new Chan<boolean>();

      for (let buffer = 0; buffer < 2; buffer++) {
        const c32 = new Chan<number>(buffer);
        const c64 = new Chan<bigint>(buffer);
        const cb = new Chan<boolean>(buffer);
        const cs = new Chan<string>(buffer);

        if (trySelect([recv(c32)]) !== undefined) throw new Error('blocked i32sender');
        if (trySelect([recv(c64)]) !== undefined) throw new Error('blocked i64sender');
        if (trySelect([recv(cb)]) !== undefined) throw new Error('blocked bsender');
        if (trySelect([recv(cs)]) !== undefined) throw new Error('blocked ssender');

        go(i32receiver, c32, sync);
        await retry(() => trySelect([send(c32, 123)]), `i32receiver buffer=${buffer}`);
        await recv(sync);

        go(i32sender, c32, sync);
        if (buffer > 0) {
          await recv(sync);
        }
        i32 = (await retry(() => trySelect([recv(c32)]), `i32sender buffer=${buffer}`)).value;
        if (i32 !== 234) {
          throw new Error('i32sender value');
        }
        if (buffer === 0) {
          await recv(sync);
        }

        go(i64receiver, c64, sync);
        await retry(() => trySelect([send(c64, 123456n)]), 'i64receiver');
        await recv(sync);

        go(i64sender, c64, sync);
        if (buffer > 0) {
          await recv(sync);
        }
        i64 = (await retry(() => trySelect([recv(c64)]), 'i64sender')).value;
        if (i64 !== 234567n) {
          throw new Error('i64sender value');
        }
        if (buffer === 0) {
          await recv(sync);
        }

        go(breceiver, cb, sync);
        await retry(() => trySelect([send(cb, true)]), 'breceiver');
        await recv(sync);

        go(bsender, cb, sync);
        if (buffer > 0) {
          await recv(sync);
        }
        b = (await retry(() => trySelect([recv(cb)]), 'bsender')).value;
        if (!b) {
          throw new Error('bsender value');
        }
        if (buffer === 0) {
          await recv(sync);
        }

        go(sreceiver, cs, sync);
        await retry(() => trySelect([send(cs, 'hello')]), 'sreceiver');
        await recv(sync);

        go(ssender, cs, sync);
        if (buffer > 0) {
          await recv(sync);
        }
        s = (await retry(() => trySelect([recv(cs)]), 'ssender')).value;
        if (s !== 'hello again') {
          throw new Error('ssender value');
        }
        if (buffer === 0) {
          await recv(sync);
        }
      }
    });
  });

  it('doubleselect.go: two cases of one select never both run', async function () {
    this.timeout(30_000);
    const { go, run } = goroutines();
    const iterations = 100000;

    // sender sends a counter to one of four different channels. If two
    // cases both end up running in the same iteration, the same value will be sent
    // to two different channels.
    async function sender(n: number, c1: Chan<number>, c2: Chan<number>, c3: Chan<number>, c4: Chan<number>): Promise<void> {
      try {
        for (let i = 0; i < n; i++) {
          await select([send(c1, i), send(c2, i), send(c3, i), send(c4, i)]);
        }
      } finally {
        close(c4);
        close(c3);
        close(c2);
        close(c1);
      }
    }

    // mux receives the values from sender and forwards them onto another channel.
    // It would be simpler to just have sender's four cases all be the same
    // channel, but this doesn't actually trigger the bug.
    async function mux(out: Chan<number>, inp: Chan<number>, done: Chan<boolean>): Promise<void> {
      for await (const v of inp) {
        await send(out, v);
      }
      await send(done, true);
    }

    // recver gets a stream of values from the four mux's and checks for duplicates.
    async function recver(inp: Chan<number>): Promise<number> {
      const seen = new Map<number, boolean>();

      for await (const v of inp) {
        if (seen.has(v)) {
          throw new Error(`got duplicate value: ${v}`);
        }
        seen.set(v, true);
      }
      return seen.size;
    }

    await run(async () => {
      const c1 = new Chan<number>();
      const c2 = new Chan<number>();
      const c3 = new Chan<number>();
      const c4 = new Chan<number>();
      const done = new Chan<boolean>();
      const cmux = new Chan<number>();
      go(sender, iterations, c1, c2, c3, c4);
      go(mux, cmux, c1, done);
      go(mux, cmux, c2, done);
      go(mux, cmux, c3, done);
      go(mux, cmux, c4, done);
      go(async () => {
        await recv(done);
        await recv(done);
        await recv(done);
        await recv(done);
        close(cmux);
      });
      // We keep the recver because it might catch more bugs in the future.
      // (Added in this port: also check that no value was lost.)
      expect(await recver(cmux)).to.equal(iterations);
    });
  });
});
