// `pnpm workshop NN --main --solution` runs every exercise's solution as a program: it must have
// a main() and exit with code 0 (exercise 07 had no main() and crashed).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir } from '../shared/examples.js';

const workshop = join(examplesDir, 'workshop');
const exercises = readdirSync(workshop, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
  .map((entry) => entry.name);

describe('pnpm workshop NN --main --solution', function () {
  this.timeout(60_000);
  for (const exercise of exercises) {
    it(`${exercise}: runs main() and exits with code 0`, async () => {
      const args = [
        '--conditions=@csp/source',
        '--import=tsx/esm',
        join(workshop, 'run.ts'),
        exercise.slice(0, 2),
        '--main',
        '--solution',
      ];
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, args, { cwd: examplesDir, timeout: 30_000, encoding: 'utf8' }, (error, _stdout, stderr) =>
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stderr }),
        );
      });
      expect(code, stderr).to.equal(0);
    });
  }
});
