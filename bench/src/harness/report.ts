/**
 * Turns the medians of a run into the results table (markdown, padded so it also reads well in a
 * terminal): one row per workload and library, the primary metric, ours compared with each peer,
 * the workload's extra metrics, and PASS / FAIL for each target on our row.
 *
 * @module
 */
import type { WorkloadDef } from './registry.js';
import { round, type Results } from './targets.js';

/** What happened to one (workload, library) pair. */
export type Outcome =
  | { readonly kind: 'measured'; readonly medians: Readonly<Record<string, number>>; readonly runs: number }
  | { readonly kind: 'failed'; readonly reason: string };

const libNames: Readonly<Record<string, string>> = {
  'ts-chan': 'ts-chan 0.6.0',
  'ts-chan-unsafe': 'ts-chan 0.6.0 setUnsafe(true)',
  floor: 'floor (hand-written)',
};
const oursByGroup = { channel: '@csp/channel', sync: '@csp/sync', patterns: '@csp/patterns' } as const;

/** The display name of library `lib` in workload `def`. */
export function libName(def: WorkloadDef, lib: string): string {
  return lib === 'ours' ? `**${oursByGroup[def.group]}**` : (libNames[lib] ?? lib);
}

export interface TargetLine {
  readonly workload: string;
  readonly label: string;
  readonly verdict: 'PASS' | 'FAIL' | 'not measured';
  readonly measured: string;
}

/** The results table and the list of target verdicts. */
export function renderTable(
  defs: readonly WorkloadDef[],
  outcomes: ReadonlyMap<string, ReadonlyMap<string, Outcome>>,
): { table: string; targets: TargetLine[] } {
  const rows: string[][] = [['workload', 'library', 'result', 'ours vs this', 'details', 'targets (ours)']];
  const targets: TargetLine[] = [];
  for (const def of defs) {
    const byLib = outcomes.get(def.id);
    if (byLib === undefined) continue;
    const results: Results = new Map(
      [...byLib].flatMap(([lib, o]) => (o.kind === 'measured' ? [[lib, o.medians] as const] : [])),
    );
    const verdicts = (def.targets ?? []).map((target) => {
      const verdict = target.check(results);
      const line: TargetLine = {
        workload: def.id,
        label: target.label,
        verdict: verdict === undefined ? 'not measured' : verdict.pass ? 'PASS' : 'FAIL',
        measured: verdict?.measured ?? '-',
      };
      targets.push(line);
      return `${line.verdict} ${line.label} (${line.measured})`;
    });
    const ours = results.get('ours')?.[def.primary.key];
    let first = true;
    for (const [lib, outcome] of byLib) {
      const cells = [first ? `${def.id}: ${def.title}` : '', libName(def, lib)];
      if (outcome.kind === 'measured') {
        const value = outcome.medians[def.primary.key];
        cells.push(value === undefined ? '-' : `${round(value)} ${def.primary.label}`);
        cells.push(
          lib === 'ours' || ours === undefined || value === undefined ? '' : compare(ours, value, def.primary.higherIsBetter),
        );
        cells.push(def.details?.(outcome.medians) ?? '');
      } else {
        cells.push(outcome.kind, '', outcome.reason);
      }
      cells.push(lib === 'ours' ? verdicts.join('; ') : '');
      rows.push(cells);
      first = false;
    }
  }
  return { table: markdownTable(rows), targets };
}

/** "ours is N x better", as a ratio where > 1 always means ours is better. */
function compare(ours: number, theirs: number, higherIsBetter: boolean): string {
  const r = higherIsBetter ? ours / theirs : theirs / ours;
  return `${r.toFixed(2)}x`;
}

function markdownTable(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}
