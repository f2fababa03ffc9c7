/**
 * Terminal swimlanes: one column per goroutine, one line per event, the acting goroutine's
 * column says what it did, a blocked goroutine's column shows `┃` (red when colours are on).
 * {@link formatTimeline} renders a recorded trace (the golden files are these); the live view
 * in `tracing.ts` feeds a {@link TimelineWriter} as events happen.
 *
 * @module
 */
import { selectOutcome } from './describe.js';
import type { ChannelInfo, GoroutineId, GoroutineInfo, ResourceInfo, Trace, TraceEvent } from './events.js';

/** Options of the terminal swimlanes. */
export interface TimelineOptions {
  /** Characters per goroutine column (default 18). */
  column?: number;
  /** ANSI colours (default `false`). */
  color?: boolean;
}

/** What the writer needs to name things. */
export interface Names {
  goroutine(id: GoroutineId): GoroutineInfo | undefined;
  channel(id: number): ChannelInfo | undefined;
  resource(id: number): ResourceInfo | undefined;
}

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const BLUE = '\x1b[34m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** What an event says in its goroutine's column, or `undefined` for events not shown. */
function describe(e: TraceEvent, names: Names): { text: string; tone: string } | undefined {
  const chan = (id: number): string => names.channel(id)?.name ?? `chan ${id}`;
  switch (e.type) {
    case 'go':
      return { text: `go ${names.goroutine(e.child)?.name ?? e.child}`, tone: DIM };
    case 'start':
      return undefined;
    case 'end':
      return { text: e.panicked ? 'panic' : 'return', tone: DIM };
    case 'park':
      return { text: `⏸ ${e.reason}${e.subject === undefined ? '' : ` ${e.subject}`}`, tone: RED };
    case 'unpark':
      return { text: e.completed ? '▶ woken' : '▶ aborted', tone: GREEN };
    case 'send':
      return { text: `${chan(e.chan)} ← ${e.value}${e.to === null ? '' : ` → G${e.to}`}`, tone: BLUE };
    case 'recv':
      return e.msg === null
        ? { text: `${chan(e.chan)} closed`, tone: BLUE }
        : { text: `got ${e.value} ← ${chan(e.chan)}`, tone: BLUE };
    case 'close':
      return { text: `close(${chan(e.chan)})`, tone: DIM };
    case 'buffer':
      return undefined;
    case 'select': {
      return { text: `select: ${selectOutcome(e)}`, tone: DIM };
    }
    case 'acquire':
      return { text: `🔒 ${names.resource(e.resource)?.name ?? '?'}${e.read === true ? ' (read)' : ''}`, tone: DIM };
    case 'release':
      return { text: `🔓 ${names.resource(e.resource)?.name ?? '?'}`, tone: DIM };
    case 'cancel':
      return { text: `cancel ${names.resource(e.resource)?.name ?? '?'}`, tone: RED };
    case 'job':
      if (e.phase === 'queue') return { text: `queue job ${e.job}`, tone: DIM };
      if (e.phase === 'run') return { text: `run job ${e.job}`, tone: GREEN };
      return { text: `job ${e.job} ${e.ok ? 'done' : 'failed'}`, tone: e.ok ? DIM : RED };
  }
}

/** Writes swimlane lines for events fed one by one. */
export class TimelineWriter {
  private readonly columns: GoroutineId[] = [];
  /** How many operations each goroutine has parked now. */
  private readonly blocked = new Map<GoroutineId, number>();
  private readonly ended = new Set<GoroutineId>();
  private readonly width: number;
  private readonly color: boolean;

  constructor(
    private readonly names: Names,
    private readonly write: (line: string) => void,
    options?: TimelineOptions,
  ) {
    this.width = options?.column ?? 18;
    this.color = options?.color ?? false;
  }

  /** Writes the line for `event` (and a header line when a new goroutine appears). */
  add(event: TraceEvent): void {
    const shown = describe(event, this.names);
    if (event.type === 'park') this.blocked.set(event.g, (this.blocked.get(event.g) ?? 0) + 1);
    if (event.type === 'unpark') this.blocked.set(event.g, (this.blocked.get(event.g) ?? 1) - 1);
    if (event.type === 'end') this.ended.add(event.g);
    if (shown === undefined) return;
    if (!this.columns.includes(event.g)) this.addColumn(event.g);
    const cells = this.columns.map((g) => {
      if (g === event.g) return this.paint(this.fit(shown.text), shown.tone);
      if (this.ended.has(g)) return ' '.repeat(this.width);
      if ((this.blocked.get(g) ?? 0) > 0) return this.paint(this.fit('┃'), RED);
      return this.fit('│');
    });
    this.write(`${String(event.ts).padStart(6)} ${cells.join('')}`.trimEnd());
    if (event.type === 'go' && !this.columns.includes(event.child)) this.addColumn(event.child);
  }

  private addColumn(g: GoroutineId): void {
    this.columns.push(g);
    const header = this.columns.map((id) => this.fit(`G${id} ${this.names.goroutine(id)?.name ?? ''}`));
    this.write(`${''.padStart(6)} ${header.join('')}`.trimEnd());
  }

  private fit(text: string): string {
    const chars = [...text];
    return chars.length >= this.width
      ? `${chars.slice(0, this.width - 2).join('')}… `
      : text + ' '.repeat(this.width - chars.length);
  }

  private paint(text: string, tone: string): string {
    return this.color ? `${tone}${text}${RESET}` : text;
  }
}

/** The names of a recorded trace. */
export function namesOf(trace: Trace): Names {
  const goroutines = new Map(trace.goroutines.map((g) => [g.id, g]));
  const channels = new Map(trace.channels.map((c) => [c.id, c]));
  const resources = new Map(trace.resources.map((r) => [r.id, r]));
  return {
    goroutine: (id) => goroutines.get(id),
    channel: (id) => channels.get(id),
    resource: (id) => resources.get(id),
  };
}

/** The terminal swimlanes of a recorded trace, as text. */
export function formatTimeline(trace: Trace, options?: TimelineOptions): string {
  const lines: string[] = [];
  const writer = new TimelineWriter(namesOf(trace), (line) => lines.push(line), options);
  for (const event of trace.events) writer.add(event);
  return `${lines.join('\n')}\n`;
}
