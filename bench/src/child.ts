/**
 * One child process: runs one workload with one library and sends its samples to the runner.
 * Usage (the runner does this, on the compiled `dist/child.js`): `child.js <workload id> <library id> <settings JSON>`.
 *
 * @module
 */
import { registry } from './harness/registry.js';
import type { ChildReport, Settings } from './harness/workload.js';

async function main(): Promise<ChildReport> {
  const [id, lib, settingsJson] = process.argv.slice(2);
  const def = registry.find((w) => w.id === id);
  if (def === undefined || lib === undefined || settingsJson === undefined) {
    return { ok: false, error: `usage: child.js <workload> <library> <settings>; got ${process.argv.slice(2).join(' ')}` };
  }
  const settings = JSON.parse(settingsJson) as Settings;
  const workload = (await def.load()).default;
  return { ok: true, samples: await workload.run(lib, settings) };
}

function send(report: ChildReport): void {
  // Exit right away: a library that leaves timers armed must not keep the child alive.
  if (process.send === undefined) {
    console.log(JSON.stringify(report));
    process.exit(report.ok ? 0 : 1);
  }
  process.send(report, () => process.exit(report.ok ? 0 : 1));
}

main().then(send, (error: unknown) =>
  send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
