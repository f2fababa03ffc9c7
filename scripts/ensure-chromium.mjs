// Runs the browser tests (the command given as arguments) when there is a Chromium to run them
// in: `CHROMIUM_PATH`, else Debian's /usr/bin/chromium. It never installs anything (CI's .ci/run
// does, before the test command). Without a Chromium it prints one line and skips them, unless
// `CI` is set: then a missing Chromium fails the run.
//
//   node scripts/ensure-chromium.mjs mocha --config docs/test/browser/.mocharc.json
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node scripts/ensure-chromium.mjs <command> [args...]');
  process.exit(2);
}
if (!existsSync(path)) {
  const how = `install Debian's "chromium" package or set CHROMIUM_PATH to a Chromium or Chrome binary`;
  if (process.env.CI) {
    console.error(`FAIL browser tests: no Chromium at ${path} and CI is set (${how}).`);
    process.exit(1);
  }
  console.log(`SKIP browser tests: no Chromium at ${path} (${how} to run them).`);
  process.exit(0);
}
const run = spawnSync(command, args, { stdio: 'inherit' });
if (run.error) throw run.error;
process.exit(run.status ?? 1);
