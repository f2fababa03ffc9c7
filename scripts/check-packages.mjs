// Checks every publishable package the way a consumer sees it: `publint --strict` and
// `attw --pack --profile esm-only` (both need the packages built first: `pnpm build`).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);

let failed = 0;
for (const name of readdirSync(packagesDir)) {
  const dir = join(packagesDir, name);
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'esm-only']],
  ]) {
    try {
      const out = execFileSync(bin(tool), args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      console.log(`ok   ${tool} @csp/${name}`);
      if (process.env.VERBOSE) console.log(out);
    } catch (error) {
      failed++;
      console.error(`FAIL ${tool} @csp/${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
if (failed > 0) process.exit(1);
