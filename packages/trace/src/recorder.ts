/**
 * The tracer: installed in `@csp/channel`'s hook slot while tracing is on, it turns every hook
 * call into {@link TraceEvent}s. It knows which goroutine runs through an `AsyncLocalStorage`
 * that `go` enters, so a goroutine keeps its id across every `await`.
 *
 * Message identity without touching the channel: a channel's buffer is FIFO, so the recorder
 * keeps its own queue of message ids per channel, pushed by sends into the buffer and popped by
 * receives from it; a hand-off between a parked goroutine and a running one is one message.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Chan, SelectCase } from '@csp/channel';
import { isThenable, type Subject, type Tracer } from '@csp/channel/internal';
import { caseReady, describeCase, formatDuration, goroutineName, internals, label, timerName } from './describe.js';
import {
  MAIN,
  TIMERS,
  type ChannelInfo,
  type GoroutineId,
  type GoroutineInfo,
  type ResourceInfo,
  type Trace,
  type TraceEvent,
} from './events.js';

/** A message in flight: sent, not yet received. */
interface Message {
  readonly id: number;
  readonly value: string;
  readonly from: GoroutineId;
  readonly sentAt: number;
}

/** A FIFO of messages with an O(1) take. */
class MessageQueue {
  private items: Message[] = [];
  private head = 0;

  push(message: Message): void {
    this.items.push(message);
  }

  take(): Message | undefined {
    if (this.head === this.items.length) return undefined;
    const message = this.items[this.head++]!;
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return message;
  }
}

/** An operation parked now. */
export interface Parked {
  readonly g: GoroutineId;
  /** Its number, shared by its `park` and `unpark` events. */
  readonly op: number;
  readonly reason: string;
  readonly subject: string | undefined;
  readonly since: number;
  /** The channels it waits on (one, or a select's), if any. */
  readonly channels: readonly ChannelInfo[];
  /** The mutex or semaphore it waits for, how many units, and whether to read (an `RWMutex`). */
  readonly resource: { readonly info: ResourceInfo; readonly n: number; readonly read: boolean } | undefined;
  /** A parked select's cases, e.g. `<-jobs`, `results<-`. */
  readonly cases: readonly string[];
  /** Whether a timer will wake it (`time.sleep`, or a receive from a timer channel). */
  readonly timed: boolean;
}

/** What one goroutine holds of a resource. */
export interface Holding {
  /** How many units (1 for a mutex, permits for a semaphore, read locks for an `RWMutex`). */
  readonly n: number;
  /** Whether it holds an `RWMutex` for reading. */
  readonly read: boolean;
}

/** What the wait-for graph is drawn from: who is parked on what, who holds what. */
export interface WaitState {
  readonly goroutines: readonly GoroutineInfo[];
  readonly parked: readonly Parked[];
  /** For each resource held now: who holds it, and how. */
  readonly holders: ReadonlyMap<ResourceInfo, ReadonlyMap<GoroutineId, Holding>>;
}

/** The parts of a parked waiter the recorder reads (duck-typed: the classes are internal). */
interface WaiterShape {
  readonly chan?: Chan<any>;
  readonly group?: object;
  readonly index?: number;
  readonly cases?: readonly { readonly chan: Chan<any> }[];
}

/** Whether `chan` is a timer's or a ticker's channel. */
function isTimer(chan: Chan<any> | undefined): boolean {
  return chan !== undefined && internals(chan).timeSource !== undefined;
}

/** The kind of a mutex or semaphore seen first when it is released. */
function kindOf(lock: object): string {
  const name = lock.constructor.name;
  return name === 'Semaphore' ? 'semaphore' : name === 'RWMutex' ? 'sync.RWMutex' : 'sync.Mutex';
}

/** How {@link Recorder} tells time. */
export type Clock = 'logical' | 'real';

/** Records events while installed as the tracer. */
export class Recorder implements Tracer {
  readonly events: TraceEvent[] = [];
  private readonly context = new AsyncLocalStorage<GoroutineId>();
  private readonly goroutines = new Map<GoroutineId, GoroutineInfo>([[MAIN, { id: MAIN, name: 'main', parent: -1 }]]);
  private readonly channels = new WeakMap<object, ChannelInfo>();
  private readonly channelList: ChannelInfo[] = [];
  private readonly resources = new WeakMap<object, ResourceInfo>();
  private readonly resourceList: ResourceInfo[] = [];
  private readonly names: WeakMap<object, string>;
  private readonly queues = new WeakMap<object, MessageQueue>();
  private readonly parked = new Map<object, Parked>();
  private readonly holders = new Map<ResourceInfo, Map<GoroutineId, Holding>>();
  /** A goroutine that asked for a busy resource: its next park waits for it. */
  private readonly wanting = new Map<GoroutineId, { info: ResourceInfo; n: number; read: boolean }>();
  /** How long each `time.sleep` about to park sleeps (`3ms`). */
  private readonly sleeps = new WeakMap<object, string>();
  /** A select that found no case ready: it parks next, unless it was a `trySelect`. */
  private pendingSelect: { g: GoroutineId; ts: number; cases: string[] } | null = null;
  /** The lane of each pool worker alive, by `pool id/worker id`. */
  private readonly poolLanes = new Map<string, GoroutineId>();
  private nextGoroutine = 2;
  private nextMessage = 1;
  private nextOp = 1;
  private tick = 0;
  private readonly origin = performance.now();
  private readonly listeners: ((event: TraceEvent, recorder: Recorder) => void)[] = [];

  constructor(
    readonly clock: Clock,
    names: WeakMap<object, string>,
  ) {
    this.names = names;
  }

  /** Calls `listener` with every event from now on (the live terminal view). */
  listen(listener: (event: TraceEvent, recorder: Recorder) => void): void {
    this.listeners.push(listener);
  }

  /** The goroutine running now. */
  current(): GoroutineId {
    return this.context.getStore() ?? MAIN;
  }

  /** What is known about goroutine `id`. */
  goroutineInfo(id: GoroutineId): GoroutineInfo | undefined {
    return this.goroutines.get(id);
  }

  /** The channel numbered `id`. */
  snapshotChannel(id: number): ChannelInfo | undefined {
    return this.channelList[id - 1];
  }

  /** The resource numbered `id`. */
  snapshotResource(id: number): ResourceInfo | undefined {
    return this.resourceList[id - 1];
  }

  /** The trace so far. */
  snapshot(): Trace {
    this.flushSelect(false);
    return {
      clock: this.clock,
      goroutines: [...this.goroutines.values()].sort((a, b) => a.id - b.id),
      channels: [...this.channelList],
      resources: [...this.resourceList],
      events: [...this.events],
    };
  }

  /** Who is parked on what and who holds what, now. */
  waitState(): WaitState {
    const holders = new Map<ResourceInfo, ReadonlyMap<GoroutineId, Holding>>();
    for (const [info, by] of this.holders) if (by.size > 0) holders.set(info, new Map(by));
    return { goroutines: [...this.goroutines.values()], parked: [...this.parked.values()], holders };
  }

  /** Stops tracking goroutines (the storage costs a promise hook while enabled). */
  dispose(): void {
    this.flushSelect(false);
    this.context.disable();
  }

  // --- Tracer ---------------------------------------------------------------------------------

  goroutine<A extends unknown[]>(fn: (...args: A) => unknown, args: A, name?: string): (...args: A) => unknown {
    this.flushSelect(false);
    const id = this.nextGoroutine++;
    const parent = this.current();
    this.goroutines.set(id, { id, name: name ?? goroutineName(fn, args, id), parent });
    this.emit({ type: 'go', ts: this.now(), g: parent, child: id });
    return (...callArgs: A) =>
      this.context.run(id, () => {
        this.emit({ type: 'start', ts: this.now(), g: id });
        let result: unknown;
        try {
          result = fn(...callArgs);
        } catch (error) {
          this.end(id, true);
          throw error;
        }
        if (!isThenable(result)) {
          this.end(id, false);
          return result;
        }
        return Promise.resolve(result).then(
          (value) => {
            this.end(id, false);
            return value;
          },
          (error: unknown) => {
            this.end(id, true);
            throw error;
          },
        );
      });
  }

  park(waiter: object, reason: string, subject: Subject): void {
    const g = this.current();
    const cases = this.flushSelect(reason.startsWith('select') ? g : false);
    const shape = waiter as WaiterShape;
    const channels =
      shape.chan !== undefined
        ? [this.channel(shape.chan)]
        : shape.cases !== undefined
          ? shape.cases.map((c) => this.channel(c.chan))
          : [];
    const resource = this.wanting.get(g);
    this.wanting.delete(g);
    // Channels as the trace names them (`timer 3ms`, names given with `nameResource`).
    let described =
      shape.chan !== undefined
        ? channels[0]!.name
        : cases.length > 0
          ? cases.join(', ')
          : typeof subject === 'function'
            ? subject()
            : subject;
    if (described === undefined && resource !== undefined) described = resource.info.name;
    if (described === undefined) described = this.sleeps.get(waiter);
    const timed = reason === 'sleep' || isTimer(shape.chan) || shape.cases?.some((c) => isTimer(c.chan)) === true;
    const ts = this.now();
    const op = this.nextOp++;
    this.parked.set(waiter, { g, op, reason, subject: described, since: ts, channels, resource, cases, timed });
    this.emit({ type: 'park', ts, g, op, reason, subject: described });
  }

  unpark(waiter: object, completed: boolean): void {
    this.flushSelect(false);
    const parked = this.parked.get(waiter);
    if (parked === undefined) return; // parked before tracing started
    this.parked.delete(waiter);
    this.emit({ type: 'unpark', ts: this.now(), g: parked.g, op: parked.op, by: this.current(), completed });
    const wanted = parked.resource;
    if (completed && wanted !== undefined) this.hold(parked.g, wanted.info, wanted.n, wanted.read);
  }

  send(chan: Chan<any>, value: unknown, receiver: object | null): void {
    this.flushSelect(false);
    const info = this.channel(chan);
    const g = isTimer(chan) ? this.timers() : this.current();
    const message: Message = { id: this.nextMessage++, value: label(value), from: g, sentAt: this.now() };
    if (receiver === null) {
      this.queue(chan).push(message);
      this.emit({ type: 'send', ts: message.sentAt, g, chan: info.id, msg: message.id, value: message.value, to: null });
      this.emit({ type: 'buffer', ts: message.sentAt, g, chan: info.id, length: chan.length + 1 });
      return;
    }
    const to = this.owner(receiver);
    this.emit({ type: 'send', ts: message.sentAt, g, chan: info.id, msg: message.id, value: message.value, to });
    this.deliver(to, info, message);
    this.selected(receiver, to);
  }

  receive(chan: Chan<any>, sender: object | null): void {
    this.flushSelect(false);
    const info = this.channel(chan);
    const g = this.current();
    if (sender !== null) {
      const from = this.owner(sender);
      const ts = this.now();
      const fresh: Message = { id: this.nextMessage++, value: label((sender as { value: unknown }).value), from, sentAt: ts };
      if (chan.capacity > 0) {
        // A full buffer: the receiver takes the head, the parked sender's value moves in.
        const queue = this.queue(chan);
        queue.push(fresh);
        this.emit({ type: 'send', ts, g: from, chan: info.id, msg: fresh.id, value: fresh.value, to: null });
        this.deliver(g, info, queue.take() ?? this.unknown(chan, ts));
      } else {
        this.emit({ type: 'send', ts, g: from, chan: info.id, msg: fresh.id, value: fresh.value, to: g });
        this.deliver(g, info, fresh);
      }
      this.selected(sender, from);
      return;
    }
    if (chan.length > 0) {
      const ts = this.now();
      this.deliver(g, info, this.queue(chan).take() ?? this.unknown(chan, ts));
      this.emit({ type: 'buffer', ts, g, chan: info.id, length: chan.length - 1 });
      return;
    }
    if (internals(chan).timeSource?.due() === true) {
      const timers = this.timers();
      const ts = this.now();
      const message: Message = { id: this.nextMessage++, value: 'Date', from: timers, sentAt: ts };
      this.emit({ type: 'send', ts, g: timers, chan: info.id, msg: message.id, value: message.value, to: g });
      this.deliver(g, info, message);
      return;
    }
    this.emit({ type: 'recv', ts: this.now(), g, chan: info.id, msg: null, value: 'closed', from: null, sentAt: null });
  }

  close(chan: Chan<any>): void {
    this.flushSelect(false);
    const info = this.channel(chan);
    const ts = this.now();
    this.emit({ type: 'close', ts, g: this.current(), chan: info.id });
    for (let waiter = internals(chan).receivers.head; waiter !== null; waiter = waiter.next as typeof waiter) {
      const to = this.owner(waiter);
      this.emit({ type: 'recv', ts: this.now(), g: to, chan: info.id, msg: null, value: 'closed', from: null, sentAt: null });
      this.selected(waiter, to);
    }
  }

  select(cases: readonly SelectCase[], chosen: number): void {
    this.flushSelect(false);
    const g = this.current();
    const described = cases.map((c) => describeCase(c, (chan) => this.channel(chan).name));
    if (chosen < 0) {
      this.pendingSelect = { g, ts: this.now(), cases: described };
      return;
    }
    const ready: number[] = [];
    cases.forEach((c, i) => {
      if (caseReady(c)) ready.push(i);
    });
    this.emit({ type: 'select', ts: this.now(), g, cases: described, chosen, ready, blocked: false });
  }

  acquire(lock: object, kind: string, n: number, free: boolean, read = false): void {
    this.flushSelect(false);
    const info = this.resource(lock, kind);
    const g = this.current();
    if (free) this.hold(g, info, n, read);
    else this.wanting.set(g, { info, n, read });
  }

  release(lock: object, n: number): void {
    this.flushSelect(false);
    const info = this.resource(lock, kindOf(lock));
    const g = this.current();
    const by = this.holders.get(info);
    // Any goroutine may unlock a mutex in Go: take the units from the releaser, else the first holder.
    const holder = by === undefined ? g : by.has(g) ? g : (by.keys().next().value ?? g);
    const held = by?.get(holder);
    if (by !== undefined && held !== undefined) {
      if (held.n <= n) by.delete(holder);
      else by.set(holder, { n: held.n - n, read: held.read });
    }
    this.emit({ type: 'release', ts: this.now(), g: holder, resource: info.id, n });
  }

  cancel(context: object, cause: unknown): void {
    this.flushSelect(false);
    const info = this.resource(context, 'context');
    const text = cause instanceof Error ? cause.message : label(cause);
    this.emit({ type: 'cancel', ts: this.now(), g: this.current(), resource: info.id, cause: text });
  }

  pool(pool: object, name: string | undefined): void {
    this.flushSelect(false);
    if (name !== undefined && !this.names.has(pool)) this.names.set(pool, name);
    this.resource(pool, 'WorkerPool');
  }

  poolWorker(pool: object, worker: number, alive: boolean): void {
    this.flushSelect(false);
    const info = this.resource(pool, 'WorkerPool');
    const key = `${info.id}/${worker}`;
    if (!alive) {
      const lane = this.poolLanes.get(key);
      if (lane !== undefined) this.end(lane, false);
      this.poolLanes.delete(key);
      return;
    }
    const id = this.nextGoroutine++;
    const parent = this.current();
    this.poolLanes.set(key, id);
    this.goroutines.set(id, { id, name: `${info.name} worker ${worker}`, parent });
    this.emit({ type: 'go', ts: this.now(), g: parent, child: id });
    this.emit({ type: 'start', ts: this.now(), g: id });
  }

  poolJob(pool: object, worker: number, job: number, phase: 'queue' | 'end', ok: boolean): void {
    this.flushSelect(false);
    const info = this.resource(pool, 'WorkerPool');
    const g = phase === 'queue' ? this.current() : this.workerLane(info, worker);
    this.emit({ type: 'job', ts: this.now(), g, pool: info.id, job, phase, ok });
  }

  poolRun<T>(pool: object, worker: number, job: number, run: () => T): T {
    this.flushSelect(false);
    const info = this.resource(pool, 'WorkerPool');
    const g = this.workerLane(info, worker);
    this.emit({ type: 'job', ts: this.now(), g, pool: info.id, job, phase: 'run', ok: true });
    // The job's code, and every continuation of it, belongs to the worker's lane.
    return this.context.run(g, run);
  }

  sleep(waiter: object, ms: number): void {
    this.sleeps.set(waiter, formatDuration(ms));
  }

  // --- helpers --------------------------------------------------------------------------------

  private now(): number {
    if (this.clock === 'logical') return ++this.tick;
    // Microseconds, never decreasing, distinct per event.
    const ts = Math.round((performance.now() - this.origin) * 1000) / 1000;
    this.tick = ts > this.tick ? ts : this.tick + 0.001;
    return this.tick;
  }

  private emit(event: TraceEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event, this);
  }

  /** The lane of worker `worker` of the pool `info` (the current goroutine's if it started before tracing). */
  private workerLane(info: ResourceInfo, worker: number): GoroutineId {
    return this.poolLanes.get(`${info.id}/${worker}`) ?? this.current();
  }

  private end(id: GoroutineId, panicked: boolean): void {
    this.flushSelect(false);
    this.emit({ type: 'end', ts: this.now(), g: id, panicked });
  }

  private timers(): GoroutineId {
    if (!this.goroutines.has(TIMERS)) this.goroutines.set(TIMERS, { id: TIMERS, name: 'timers', parent: -1 });
    return TIMERS;
  }

  /** The goroutine a parked waiter (or a select's case) belongs to. */
  private owner(waiter: object): GoroutineId {
    const shape = waiter as WaiterShape;
    const parked = this.parked.get(shape.group ?? waiter);
    return parked === undefined ? MAIN : parked.g;
  }

  /** A parked select committed case `waiter` (when it is a select's case). */
  private selected(waiter: object, g: GoroutineId): void {
    const shape = waiter as WaiterShape;
    if (shape.group === undefined || shape.index === undefined) return;
    const cases = this.parked.get(shape.group)?.cases ?? [];
    this.emit({ type: 'select', ts: this.now(), g, cases, chosen: shape.index, ready: [shape.index], blocked: true });
  }

  private deliver(g: GoroutineId, info: ChannelInfo, message: Message): void {
    this.emit({
      type: 'recv',
      ts: this.now(),
      g,
      chan: info.id,
      msg: message.id,
      value: message.value,
      from: message.from,
      sentAt: message.sentAt,
    });
  }

  /** A value that was buffered before tracing started. */
  private unknown(chan: Chan<any>, ts: number): Message {
    return { id: this.nextMessage++, value: '?', from: MAIN, sentAt: ts };
  }

  /**
   * Emits the select that found no case ready: it `blocked` when goroutine `parking` is the one
   * that parks now, else it took `default`. Returns its cases when it blocked.
   */
  private flushSelect(parking: GoroutineId | false): readonly string[] {
    const pending = this.pendingSelect;
    if (pending === null) return [];
    this.pendingSelect = null;
    const blocked = parking === pending.g;
    this.emit({ type: 'select', ts: pending.ts, g: pending.g, cases: pending.cases, chosen: -1, ready: [], blocked });
    return blocked ? pending.cases : [];
  }

  private hold(g: GoroutineId, info: ResourceInfo, n: number, read: boolean): void {
    let by = this.holders.get(info);
    if (by === undefined) this.holders.set(info, (by = new Map()));
    by.set(g, { n: (by.get(g)?.n ?? 0) + n, read });
    this.emit(
      read
        ? { type: 'acquire', ts: this.now(), g, resource: info.id, n, read }
        : { type: 'acquire', ts: this.now(), g, resource: info.id, n },
    );
  }

  private queue(chan: Chan<any>): MessageQueue {
    let queue = this.queues.get(chan);
    if (queue === undefined) this.queues.set(chan, (queue = new MessageQueue()));
    return queue;
  }

  /** The trace's record of `chan`, made at first sight. */
  channel(chan: Chan<any>): ChannelInfo {
    let info = this.channels.get(chan);
    if (info === undefined) {
      const id = this.channelList.length + 1;
      const name = this.names.get(chan) ?? timerName(chan) ?? chan.name ?? `chan ${id}`;
      info = { id, name, capacity: chan.capacity };
      this.channels.set(chan, info);
      this.channelList.push(info);
    }
    return info;
  }

  private resource(object: object, kind: string): ResourceInfo {
    let info = this.resources.get(object);
    if (info === undefined) {
      const id = this.resourceList.length + 1;
      const own = (object as { name?: unknown }).name;
      const name = typeof own === 'string' ? own : (this.names.get(object) ?? `${kind} ${id}`);
      info = { id, kind, name };
      this.resources.set(object, info);
      this.resourceList.push(info);
    }
    return info;
  }
}
