// Stream adapters: channels to and from WHATWG streams, Node streams, async iterables and events.
import { EventEmitter, getEventListeners } from 'node:events';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { Chan } from '@csp/channel';
import { ChannelOverflowError, fromEvent, fromReadable, toReadableStream } from '@csp/patterns';
import { collect, flush, thrownBy } from './helpers.js';

describe('stream adapters', () => {
  describe('toReadableStream', () => {
    it('delivers the values in order and closes when the channel is closed and drained', async () => {
      const ch = new Chan<number>(2);
      const stream = toReadableStream(ch);
      void (async () => {
        for (let i = 0; i < 5; i++) await ch.send(i);
        ch.close();
      })();
      const seen: number[] = [];
      for await (const value of stream as unknown as AsyncIterable<number>) seen.push(value);
      expect(seen).to.deep.equal([0, 1, 2, 3, 4]);
    });

    it('reads only when pulled (back-pressure), and cancel withdraws the receive without consuming', async () => {
      const ch = new Chan<number>(4);
      for (let i = 0; i < 4; i++) ch.trySend(i);
      const stream = toReadableStream(ch);
      await flush();
      expect(ch.length).to.equal(4); // nothing read ahead
      const reader = stream.getReader();
      expect(await reader.read()).to.deep.equal({ value: 0, done: false });
      await flush();
      expect(ch.length).to.equal(3);
      await reader.cancel('done');
      expect(ch.length).to.equal(3);
      const empty = new Chan<number>();
      const idle = toReadableStream(empty).getReader();
      const pending = idle.read();
      await flush();
      await idle.cancel();
      expect(await pending).to.deep.equal({ value: undefined, done: true });
      expect(empty.trySend(1)).to.equal(false); // the receive was withdrawn: nobody waits
    });

    it('errors the stream with signal.reason when the signal aborts', async () => {
      const controller = new AbortController();
      const reader = toReadableStream(new Chan<number>(), { signal: controller.signal }).getReader();
      const read = reader.read();
      controller.abort(new Error('stop'));
      const error = await read.then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as Error).message).to.equal('stop');
    });

    it('throws a TypeError at the call for a non-channel', () => {
      expect(thrownBy(() => toReadableStream(42 as never))).to.be.instanceOf(TypeError);
    });
  });

  describe('fromReadable', () => {
    it('reads a WHATWG ReadableStream, a Node Readable and an async generator, and closes at the end', async () => {
      const web = new ReadableStream<number>({
        start(controller) {
          [1, 2, 3].forEach((v) => controller.enqueue(v));
          controller.close();
        },
      });
      expect(await collect(fromReadable(web))).to.deep.equal([1, 2, 3]);
      expect(await collect(fromReadable<string>(Readable.from(['a', 'b'])))).to.deep.equal(['a', 'b']);
      async function* generate(): AsyncGenerator<number> {
        yield 7;
        yield 8;
      }
      expect(await collect(fromReadable(generate()))).to.deep.equal([7, 8]);
    });

    it('reads no further than the channel takes (block), and cancels the stream on abort', async () => {
      let pulled = 0;
      let cancelled: unknown = null;
      const web = new ReadableStream<number>(
        {
          pull(controller) {
            controller.enqueue(pulled++);
          },
          cancel(reason) {
            cancelled = reason ?? 'cancelled';
          },
        },
        { highWaterMark: 0 },
      );
      const controller = new AbortController();
      const ch = fromReadable(web, { capacity: 2, signal: controller.signal });
      await flush();
      expect(pulled).to.be.at.most(4); // 2 buffered, 1 parked send, 1 read in progress at most
      expect(await ch.recv()).to.equal(0);
      controller.abort(new Error('stop'));
      await flush();
      expect(cancelled).to.not.equal(null);
      expect(await collect(ch)).to.satisfy((rest: number[]) => rest.every((v, i) => v === i + 1));
    });

    it('surfaces a stream error through onError and closes the channel', async () => {
      const errors: unknown[] = [];
      const failing = new ReadableStream<number>({
        start(controller) {
          controller.enqueue(1);
          controller.error(new Error('disk on fire'));
        },
      });
      const values = await collect(fromReadable(failing, { onError: (e) => errors.push(e) }));
      expect(values.length).to.be.at.most(1);
      expect(errors.map((e) => (e as Error).message)).to.deep.equal(['disk on fire']);
    });

    it('throws a TypeError at the call for what is not a stream', () => {
      expect((thrownBy(() => fromReadable(42 as never)) as Error).message).to.match(/^fromReadable: stream must be/);
      expect(thrownBy(() => fromReadable(Readable.from([]), { overflow: 'later' as never }))).to.be.instanceOf(TypeError);
    });
  });

  describe('fromEvent', () => {
    it('delivers EventTarget events, bounded, and removes its listener on abort', async () => {
      const target = new EventTarget();
      const controller = new AbortController();
      const ch = fromEvent<Event>(target, 'ping', { capacity: 2, overflow: 'drop-oldest', signal: controller.signal });
      await flush();
      expect(getEventListeners(target, 'ping')).to.have.length(1);
      for (let i = 0; i < 5; i++) target.dispatchEvent(new CustomEvent('ping', { detail: i }));
      expect(ch.length).to.equal(2);
      controller.abort();
      await flush();
      expect(getEventListeners(target, 'ping')).to.have.length(0);
      const events = (await collect(ch)) as CustomEvent<number>[];
      expect(events.map((e) => e.detail)).to.deep.equal([3, 4]); // the oldest were dropped
    });

    it('delivers EventEmitter events, drop-newest keeps the first, `until` ends it', async () => {
      const emitter = new EventEmitter();
      const ch = fromEvent<number>(emitter, 'data', { capacity: 2, overflow: 'drop-newest', until: 'end' });
      await flush();
      for (let i = 0; i < 5; i++) emitter.emit('data', i);
      emitter.emit('end');
      expect(await collect(ch)).to.deep.equal([0, 1]);
      expect(emitter.listenerCount('data')).to.equal(0);
      expect(emitter.listenerCount('end')).to.equal(0);
    });

    it("overflow 'block' keeps every event in order; 'error' stops with ChannelOverflowError", async () => {
      const emitter = new EventEmitter();
      const blocked = fromEvent<number>(emitter, 'data', { capacity: 1, overflow: 'block', until: 'end' });
      await flush();
      for (let i = 0; i < 4; i++) emitter.emit('data', i);
      const reading = collect(blocked);
      await flush();
      emitter.emit('end');
      expect(await reading).to.deep.equal([0, 1, 2, 3]);

      const errors: unknown[] = [];
      const strict = fromEvent<number>(emitter, 'tick', { capacity: 1, onError: (e) => errors.push(e) });
      await flush();
      emitter.emit('tick', 1);
      emitter.emit('tick', 2);
      expect(await collect(strict)).to.deep.equal([1]);
      expect(errors[0]).to.be.instanceOf(ChannelOverflowError);
      expect(emitter.listenerCount('tick')).to.equal(0);
    });

    it('throws at the call for a bad target, type or policy', () => {
      expect((thrownBy(() => fromEvent({} as never, 'x')) as Error).message).to.match(/^fromEvent: target must be/);
      expect(thrownBy(() => fromEvent(new EventTarget(), 42 as never))).to.be.instanceOf(TypeError);
      expect(thrownBy(() => fromEvent(new EventTarget(), 'x', { capacity: 0, overflow: 'drop-oldest' }))).to.be.instanceOf(
        RangeError,
      );
    });
  });
});
