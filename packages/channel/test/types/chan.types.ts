// Type tests of `Chan`, `Sender`, `Receiver`, the free forms and the built-ins. Checked by
// `pnpm typecheck`, never run: each `@ts-expect-error` line must keep failing to compile.
import {
  Chan,
  cap,
  close,
  enableDeadlockReport,
  go,
  len,
  recv,
  send,
  RecvCase,
  SendCase,
  type BlockingOptions,
  type ChanOptions,
  type Receiver,
  type Sender,
} from '@csp/channel';
import { assertType, type Equal } from './assert-type.js';

interface Item {
  readonly id: number;
}

declare const items: Chan<Item>;
declare const maybeItems: Chan<Item | undefined>;
declare const signal: AbortSignal;

// --- construction -----------------------------------------------------------------------------
new Chan<number>();
new Chan<number>(10, { name: 'jobs' });
// @ts-expect-error the capacity is a number
new Chan<number>('10');
// @ts-expect-error the name is a string
new Chan<number>(1, { name: 42 });
// @ts-expect-error unknown option
new Chan<number>(1, { size: 3 });
assertType<Equal<ChanOptions, { name?: string | undefined }>>();
assertType<Equal<BlockingOptions, { signal?: AbortSignal | undefined }>>();
assertType<Equal<typeof items.name, string | undefined>>();
assertType<Equal<typeof items.length | typeof items.capacity, number>>();
// @ts-expect-error len is read-only
items.length = 3;

// --- receiving --------------------------------------------------------------------------------
assertType<Equal<ReturnType<typeof items.recv>, Promise<Item | undefined>>>();
assertType<Equal<ReturnType<typeof items.recvOk>, Promise<[value: Item | undefined, ok: boolean]>>>();
assertType<Equal<ReturnType<typeof items.tryRecv>, [value: Item | undefined, ok: boolean] | undefined>>();
assertType<Equal<typeof recv<Item>, (ch: Receiver<Item> | null) => RecvCase<Item>>>();
async function receiving(): Promise<void> {
  const v = await items.recv({ signal });
  assertType<Equal<typeof v, Item | undefined>>();
  const [w, ok] = await items.recvOk();
  assertType<Equal<typeof w, Item | undefined>>();
  assertType<Equal<typeof ok, boolean>>();
  const x = await recv(items);
  assertType<Equal<typeof x, Item | undefined>>();
  const y = await recv(null as Chan<string> | null);
  assertType<Equal<typeof y, string | undefined>>();
  for await (const z of items) {
    assertType<Equal<typeof z, Item>>();
    void z;
  }
  void [v, w, ok, x, y];
  // @ts-expect-error the signal goes in an options object
  await items.recv(signal);
  // @ts-expect-error a context is not an AbortSignal: pass ctx.signal
  await items.recv({ signal: { signal } });
  // @ts-expect-error the free form takes no options: use ch.recv({ signal }) or select
  await recv(items, { signal });
}

// --- sending ----------------------------------------------------------------------------------
async function sending(item: Item): Promise<void> {
  await items.send(item);
  await items.send(item, { signal });
  await send(items, item);
  await send(maybeItems, undefined);
  assertType<Equal<typeof send<Item>, (ch: Sender<Item> | null, value: Item) => SendCase<Item>>>();
  assertType<Equal<ReturnType<typeof items.trySend>, boolean>>();
  // @ts-expect-error a Chan<Item> takes no undefined (defect 12: the element type is not widened)
  await send(items, undefined);
  // @ts-expect-error nor null
  await send(items, null);
  // @ts-expect-error nor a value of another type
  await send(items, 'item');
  // @ts-expect-error widening the element type explicitly does not help either
  await send<Item | undefined>(items, undefined);
  // @ts-expect-error the method takes the channel's element type
  await items.send(undefined);
  // @ts-expect-error the free form takes no options: use ch.send(v, { signal }) or select
  await send(items, item, { signal });
}

// --- direction: Sender<T> is chan<- T, Receiver<T> is <-chan T ---------------------------------
function directions(out: Sender<Item>, input: Receiver<Item>): void {
  void out.send({ id: 1 });
  out.close();
  void input.recv();
  // @ts-expect-error a Sender cannot receive
  void out.recv();
  // @ts-expect-error a Sender cannot be a receive case
  recv(out);
  // @ts-expect-error a Receiver cannot send
  void input.send({ id: 1 });
  // @ts-expect-error a Receiver cannot be closed (Go: close of receive-only channel)
  input.close();
  // @ts-expect-error nor closed with the built-in
  close(input);
  // @ts-expect-error a Receiver cannot be a send case
  send(input, { id: 1 });
  // Both sides have len and cap.
  assertType<Equal<ReturnType<typeof len>, number>>();
  void (len(out) + cap(input) + len(null) + cap(null));
}
const asSender: Sender<Item> = items;
const asReceiver: Receiver<Item> = items;
// A Receiver is covariant: a Receiver<Item> is a Receiver<Item | undefined>...
const widerReceiver: Receiver<Item | undefined> = asReceiver;
// ...and a Sender contravariant: a Sender<Item | undefined> is a Sender<Item>.
const narrowerSender: Sender<Item> = maybeItems;
// @ts-expect-error a Sender<Item> cannot take undefined, so it is not a Sender<Item | undefined>
const widerSender: Sender<Item | undefined> = items;
// @ts-expect-error a Receiver<Item | undefined> may yield undefined, so it is not a Receiver<Item>
const narrowerReceiver: Receiver<Item> = maybeItems;
// @ts-expect-error a Receiver is not a Chan
const backToChan: Chan<Item> = asReceiver;

// --- Sender and Receiver are nominal: only Chan (and its subclasses) makes them (defect 11) ---
const handMade = {
  recv: () => Promise.resolve(undefined),
  recvOk: () => Promise.resolve([undefined, false] as [undefined, boolean]),
  tryRecv: () => undefined,
  length: 0,
  capacity: 0,
  name: undefined,
  [Symbol.asyncIterator]: () => items[Symbol.asyncIterator](),
};
// @ts-expect-error a hand-made object is not a Receiver
const fakeReceiver: Receiver<Item> = handMade;
// @ts-expect-error nor accepted by recv
recv(handMade);
class SubChan<T> extends Chan<T> {}
const subReceiver: Receiver<number> = new SubChan<number>();
recv(new SubChan<number>());
send(new SubChan<number>(), 1);

// --- a channel is not a synchronous iterable (defect 13) ---------------------------------------
// @ts-expect-error receive with for await, or Array.fromAsync
for (const v of items) void v;
// @ts-expect-error spreading a channel is refused
void [...items];

// --- the deadlock report ---------------------------------------------------------------------
assertType<Equal<typeof enableDeadlockReport, () => void>>();

// --- built-ins and go -------------------------------------------------------------------------
close(items);
close(null);
// @ts-expect-error undefined is not Go's nil channel: use null
close(undefined);
// @ts-expect-error len of something else
len('abc');
go((a: number, b: string) => a + b.length, 1, 'x');
go(async () => {});
// @ts-expect-error the arguments must match fn's parameters
go((a: number) => a, 'x');
// @ts-expect-error missing argument
go((a: number) => a);
// @ts-expect-error go returns nothing to wait for
void go(async () => 1).then;

void [receiving, sending, directions, asSender, widerReceiver, narrowerSender, widerSender];
void [narrowerReceiver, backToChan, fakeReceiver, subReceiver];
