/**
 * Mermaid sequence diagrams of a trace, for docs: one participant per goroutine (and per
 * buffered channel, which messages pass through), an arrow per message, a note where a
 * goroutine blocks.
 *
 * @module
 */
import { describeHold, describeWait, isTimerWait, selectOutcome } from './describe.js';
import type { GoroutineId, Trace } from './events.js';

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /** Show a note each time a goroutine blocks (default `true`). */
  blocking?: boolean;
}

/** Mermaid forbids `;` and `#` in messages; keep them readable. */
function text(s: string): string {
  return s.replace(/[;#]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A Mermaid `sequenceDiagram` of `trace`. Unbuffered messages go straight from the sender to the
 * receiver; buffered ones go into their channel's participant when sent and out of it when
 * received, so the time a value sat in the buffer shows.
 */
export function toMermaid(trace: Trace, options?: MermaidOptions): string {
  const blocking = options?.blocking ?? true;
  const goroutines = new Map(trace.goroutines.map((g) => [g.id, g]));
  const channels = new Map(trace.channels.map((c) => [c.id, c]));
  const resources = new Map(trace.resources.map((r) => [r.id, r]));
  const gid = (g: GoroutineId): string => `G${g}`;
  const cid = (c: number): string => `C${c}`;
  const lines: string[] = [];
  /** Messages that went through a buffer (sent with nobody waiting). */
  const buffered = new Set<number>();
  const declared = new Set<string>();
  const participant = (id: string, label: string): void => {
    if (declared.has(id)) return;
    declared.add(id);
    lines.push(`  participant ${id} as ${text(label)}`);
  };
  // Participants in the order they appear.
  for (const e of trace.events) {
    if (e.type === 'buffer') participant(cid(e.chan), `chan ${channels.get(e.chan)?.name ?? e.chan}`);
    else if (e.type === 'job' && e.phase === 'queue') {
      participant(gid(e.g), goroutines.get(e.g)?.name ?? `goroutine ${e.g}`);
      participant(`P${e.pool}`, `pool ${resources.get(e.pool)?.name ?? e.pool}`);
    } else participant(gid(e.g), goroutines.get(e.g)?.name ?? `goroutine ${e.g}`);
    if (e.type === 'go') participant(gid(e.child), goroutines.get(e.child)?.name ?? `goroutine ${e.child}`);
  }
  for (const e of trace.events) {
    const me = gid(e.g);
    switch (e.type) {
      case 'go':
        lines.push(`  ${me}-)${gid(e.child)}: go`);
        break;
      case 'end':
        lines.push(`  Note over ${me}: ${e.panicked ? 'panicked' : 'returned'}`);
        break;
      case 'park':
        if (blocking && isTimerWait(e.reason)) lines.push(`  Note over ${me}: ${text(describeWait(e.reason, e.subject))}`);
        else if (blocking)
          lines.push(`  Note over ${me}: blocked: ${text(e.reason)}${e.subject === undefined ? '' : ` ${text(e.subject)}`}`);
        break;
      case 'send':
        if (e.to === null) {
          buffered.add(e.msg);
          lines.push(`  ${me}->>${cid(e.chan)}: ${text(e.value)}`);
        }
        break;
      case 'recv': {
        const name = channels.get(e.chan)?.name ?? `chan ${e.chan}`;
        if (e.msg === null) lines.push(`  Note over ${me}: ${text(name)} closed: zero value`);
        else if (buffered.has(e.msg)) {
          lines.push(`  ${cid(e.chan)}->>${me}: ${text(e.value)}`);
        } else lines.push(`  ${gid(e.from ?? 1)}->>${me}: ${text(name)} ← ${text(e.value)}`);
        break;
      }
      case 'close':
        lines.push(`  Note over ${me}: close(${text(channels.get(e.chan)?.name ?? String(e.chan))})`);
        break;
      case 'select': {
        const what = selectOutcome(e);
        lines.push(`  Note over ${me}: select ${text(e.cases.join(' '))}: ${text(what)}`);
        break;
      }
      case 'acquire':
        lines.push(`  Note over ${me}: ${text(describeHold(resources.get(e.resource)?.name ?? '?', e.read === true))}`);
        break;
      case 'release':
        lines.push(`  Note over ${me}: releases ${text(resources.get(e.resource)?.name ?? '?')}`);
        break;
      case 'job': {
        const pool = `P${e.pool}`;
        if (e.phase === 'queue') lines.push(`  ${me}->>${pool}: job ${e.job}`);
        else if (e.phase === 'run') lines.push(`  ${declared.has(pool) ? pool : me}->>${me}: run job ${e.job}`);
        else lines.push(`  Note over ${me}: job ${e.job} ${e.ok ? 'done' : 'failed'}`);
        break;
      }
      case 'cancel':
        lines.push(`  Note over ${me}: cancel ${text(resources.get(e.resource)?.name ?? '?')}: ${text(e.cause)}`);
        break;
      default:
        break;
    }
  }
  return ['sequenceDiagram', ...lines, ''].join('\n');
}
