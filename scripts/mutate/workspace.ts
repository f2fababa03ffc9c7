// What both mutation checks share: a sandbox copy of the workspace (so mutants never touch the
// files you edit), running mocha on chosen test files in a child process, and patching a source
// file of the sandbox with a guaranteed restore (also on Ctrl-C).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace itself. */
export const worktree = fileURLToPath(new URL('../../', import.meta.url));

/** `--package=<name>` of the command line: mutate that package only. */
export const onlyPackage = process.argv.find((a) => a.startsWith('--package='))?.slice('--package='.length);

/**
 * The sandbox the mutants are written to and the tests run in: a copy of the workspace, one per
 * `--package`, so that runs for different packages can go on side by side.
 */
export const root = join(worktree, '.tmp/mutate', onlyPackage ?? 'all', '/');

/**
 * (Re)creates the sandbox: every file git knows or would add (the working tree as it is, edits
 * included), the packages' own node_modules (pnpm's relative links between workspace packages)
 * copied, and the root node_modules linked.
 */
export function createSandbox(): void {
  rmSync(root, { recursive: true, force: true });
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: worktree,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0')) {
    if (file === '' || !existsSync(join(worktree, file))) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(worktree, file), join(root, file));
  }
  symlinkSync(join(worktree, 'node_modules'), join(root, 'node_modules'));
  const packages = readdirSync(join(worktree, 'packages')).map((name) => `packages/${name}`);
  for (const pkg of [...packages, 'examples', 'docs', 'bench']) {
    const modules = join(worktree, pkg, 'node_modules');
    if (existsSync(modules)) cpSync(modules, join(root, pkg, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
}

/** How a mutant fared: a test failed (killed), none did (survived), or the run hung (timeout). */
export type Verdict = 'killed' | 'survived' | 'timeout';

/** The result of one mocha run. */
export interface TestRun {
  readonly verdict: Verdict;
  readonly ms: number;
  readonly output: string;
}

const mocha = join(worktree, 'node_modules/mocha/bin/mocha.js');

/**
 * Runs mocha (with the workspace's .mocharc.json, `--bail`, and a 5 s test timeout so that a
 * mutant that hangs one test fails fast; tests that set their own timeout keep it) on `files`,
 * in a child process at the lowest priority, killed after `timeoutMs`. `env` is added to the
 * child's environment.
 */
export function runMocha(files: readonly string[], timeoutMs: number, env: Record<string, string> = {}): Promise<TestRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      'nice',
      ['-n', '19', process.execPath, mocha, '--bail', '--timeout', '5000', '--reporter', 'dot', ...files],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL'); // mocha respawns node: kill the whole group
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const verdict: Verdict = timedOut ? 'timeout' : code === 0 ? 'survived' : 'killed';
      resolve({ verdict, ms: performance.now() - started, output });
    });
  });
}

const originals = new Map<string, string>();

function restoreAll(): void {
  for (const [file, text] of originals) writeFileSync(file, text);
  originals.clear();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    restoreAll();
    process.exit(130);
  });
}
process.on('exit', restoreAll);

/** Writes `text` to `file` (relative to the root), runs `fn`, and always restores the file. */
export async function withPatchedFile<T>(file: string, text: string, fn: () => Promise<T>): Promise<T> {
  const path = `${root}${file}`;
  const original = readFileSync(path, 'utf8');
  originals.set(path, original);
  writeFileSync(path, text);
  try {
    return await fn();
  } finally {
    writeFileSync(path, original);
    originals.delete(path);
  }
}
