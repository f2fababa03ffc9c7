/**
 * The deadlock picture: the wait-for graph of the goroutines parked now. Each parked goroutine
 * points at what it waits on (a channel, a select's channels, a mutex or semaphore), each held
 * mutex or semaphore points at the goroutines holding it; a cycle through them is a deadlock
 * that no outside event can break.
 *
 * @module
 */
import type { GoroutineId, ResourceInfo } from './events.js';
import { xml } from './escape.js';
import type { Parked, WaitState } from './recorder.js';

/** The name of goroutine `g` in `state`. */
function nameOf(state: WaitState, g: GoroutineId): string {
  const info = state.goroutines.find((x) => x.id === g);
  const plain = `goroutine ${g}`;
  // An anonymous goroutine is already called `goroutine N`.
  return info === undefined || info.name === plain ? plain : `${plain} ${info.name}`;
}

/** What a parked operation waits on, as graph nodes. */
function targets(parked: Parked): string[] {
  if (parked.resource !== undefined) return [`${parked.resource.info.kind} ${parked.resource.info.name}`];
  if (parked.channels.length > 0) return parked.channels.map((c) => `chan ${c.name}`);
  return [parked.subject ?? parked.reason];
}

/** `goroutine 2 reader (read)`: holder `g` of `info`, and whether it holds it for reading. */
function holderName(state: WaitState, info: ResourceInfo, g: GoroutineId): string {
  return `${nameOf(state, g)}${state.holders.get(info)?.get(g)?.read === true ? ' (read)' : ''}`;
}

/** The goroutines holding the resource behind a wait, if any. */
function holdersOf(state: WaitState, parked: Parked): GoroutineId[] {
  if (parked.resource === undefined) return [];
  const by = state.holders.get(parked.resource.info);
  return by === undefined ? [] : [...by.keys()];
}

/** A cycle goroutine → resource → holder → ... back to a goroutine, if there is one. */
function findCycle(state: WaitState): GoroutineId[] | undefined {
  const waitsFor = new Map<GoroutineId, GoroutineId[]>();
  for (const parked of state.parked) waitsFor.set(parked.g, holdersOf(state, parked));
  for (const start of waitsFor.keys()) {
    const path: GoroutineId[] = [];
    let g: GoroutineId | undefined = start;
    const seen = new Set<GoroutineId>();
    while (g !== undefined && !seen.has(g)) {
      seen.add(g);
      path.push(g);
      g = waitsFor.get(g)?.[0];
    }
    if (g !== undefined && g === start) return path;
  }
  return undefined;
}

/**
 * The wait-for graph as text, printed after Go's deadlock report while tracing is on:
 * `goroutine 2 worker(1) --[chan receive]--> chan jobs`, the holders of every lock waited for,
 * and the cycle when there is one.
 */
export function formatWaitFor(state: WaitState): string {
  const lines = ['wait-for graph (who waits on what, who holds it):'];
  for (const parked of state.parked) {
    const info = parked.resource?.info;
    const holders = info === undefined ? [] : holdersOf(state, parked).map((h) => holderName(state, info, h));
    const held = holders.length === 0 ? '' : `, held by ${holders.join(', ')}`;
    lines.push(`  ${nameOf(state, parked.g)} --[${parked.reason}]--> ${targets(parked).join(' | ')}${held}`);
  }
  for (const [info, by] of state.holders) {
    if (state.parked.some((p) => p.resource?.info === info)) continue;
    lines.push(
      `  ${info.kind} ${info.name} held by ${[...by.keys()].map((g) => holderName(state, info, g)).join(', ')} (nobody waits for it)`,
    );
  }
  const cycle = findCycle(state);
  if (cycle !== undefined) lines.push(`  cycle: ${[...cycle, cycle[0]!].map((g) => `goroutine ${g}`).join(' → ')}`);
  if (state.parked.length === 0) lines.push('  (no goroutine is parked)');
  return `${lines.join('\n')}\n`;
}

/**
 * The wait-for graph as an SVG document: parked goroutines on the left, what they wait on on
 * the right; red arrows "waits on", orange arrows "held by".
 */
export function waitForSvg(state: WaitState): string {
  const goroutines = [
    ...new Set([...state.parked.map((p) => p.g), ...[...state.holders.values()].flatMap((by) => [...by.keys()])]),
  ];
  const nodes = [...new Set(state.parked.flatMap(targets).concat([...state.holders.keys()].map((i) => `${i.kind} ${i.name}`)))];
  const rowH = 46;
  const height = 40 + Math.max(goroutines.length, nodes.length) * rowH;
  const gy = (g: GoroutineId): number => 40 + goroutines.indexOf(g) * rowH;
  const ny = (n: string): number => 40 + nodes.indexOf(n) * rowH;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="${height}" viewBox="0 0 720 ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">`,
    '<defs><marker id="wf" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="context-stroke"/></marker></defs>',
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    '<text x="10" y="20" font-weight="bold">wait-for graph</text>',
    '<text x="200" y="20" fill="#dc2626">→ waits on</text><text x="320" y="20" fill="#d97706">→ held by</text>',
  ];
  const parked = new Set(state.parked.map((p) => p.g));
  for (const g of goroutines) {
    // Red: parked; green: running (it holds something others wait for).
    const [fill, stroke] = parked.has(g) ? ['#fee2e2', '#dc2626'] : ['#dcfce7', '#16a34a'];
    out.push(`<rect class="goroutine" x="10" y="${gy(g)}" width="220" height="28" rx="6" fill="${fill}" stroke="${stroke}"/>`);
    out.push(`<text x="18" y="${gy(g) + 18}">${xml(nameOf(state, g))}</text>`);
  }
  for (const n of nodes) {
    out.push(`<rect class="resource" x="470" y="${ny(n)}" width="240" height="28" rx="2" fill="#eff6ff" stroke="#2563eb"/>`);
    out.push(`<text x="478" y="${ny(n) + 18}">${xml(n)}</text>`);
  }
  for (const parked of state.parked) {
    for (const n of targets(parked)) {
      out.push(
        `<line class="waits" x1="230" y1="${gy(parked.g) + 14}" x2="470" y2="${ny(n) + 10}" stroke="#dc2626" marker-end="url(#wf)"><title>${xml(parked.reason)}</title></line>`,
      );
    }
  }
  for (const [info, by] of state.holders) {
    const n = `${info.kind} ${info.name}`;
    for (const g of by.keys()) {
      out.push(
        `<line class="held" x1="470" y1="${ny(n) + 20}" x2="230" y2="${gy(g) + 20}" stroke="#d97706" stroke-dasharray="4 2" marker-end="url(#wf)"><title>held by ${xml(holderName(state, info, g))}</title></line>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('\n');
}
