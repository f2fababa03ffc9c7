// Turns doctests into programs in a scratch folder (docs/.doctest/, git-ignored), type-checks
// them all with one run of the TypeScript 7 compiler, bundles them with esbuild (resolving the
// packages to their sources) and runs each bundle in its own Node process, so that a snippet that
// deadlocks, panics or exits cannot disturb the others or the test runner.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import type { Snippet } from './snippets.js';

/** A snippet written out as a program. */
export interface Program {
  readonly snippet: Snippet;
  /** Its TypeScript file. */
  readonly source: string;
  /** Its bundle, run with `node`. */
  readonly bundle: string;
}

/** How a program ended. */
export interface Run {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** A snippet's file name: its page's path and its line, e.g. `primitives_channel.md_L42.ts`. */
function programName(snippet: Snippet): string {
  return `${snippet.file.replaceAll(/[\\/]/g, '_')}_L${snippet.line}`;
}

/** Writes each snippet as a module (so that top-level `await` works) plus a tsconfig for them. */
export function writePrograms(dir: string, snippets: readonly Snippet[], tsconfigBase: string): Program[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(dir, tsconfigBase),
      compilerOptions: {
        noEmit: true,
        customConditions: ['@csp/source'],
        types: ['node'],
        declaration: false,
        declarationMap: false,
      },
      include: ['src'],
    }),
  );
  return snippets.map((snippet) => {
    const source = join(dir, 'src', `${programName(snippet)}.ts`);
    writeFileSync(source, `${snippet.code}\nexport {};\n`);
    return { snippet, source, bundle: join(dir, 'out', `${programName(snippet)}.js`) };
  });
}

/** A type error in a program, at a 1-based line and column of the program. */
export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Type-checks every program with `tsc`; returns the errors of each, by source file. */
export function typecheck(dir: string, tsc: string): Promise<Map<string, Diagnostic[]>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '-p', 'tsconfig.json', '--pretty', 'false'],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
      (failure, stdout) => {
        const errors = new Map<string, Diagnostic[]>();
        for (const match of stdout.matchAll(/^(.+?\.ts)\((\d+),(\d+)\): (error .*)$/gm)) {
          const [, file = '', line = '', column = '', message = ''] = match;
          const key = join(dir, file); // tsc prints paths relative to its working folder
          const diagnostic = { line: Number(line), column: Number(column), message };
          errors.set(key, [...(errors.get(key) ?? []), diagnostic]);
        }
        if (failure !== null && errors.size === 0) reject(new Error(`tsc failed without errors to show:\n${stdout}`));
        else resolve(errors);
      },
    );
  });
}

/** Bundles every program for Node, resolving `@csp/*` to the packages' sources. */
export async function bundle(dir: string, programs: readonly Program[]): Promise<void> {
  await build({
    entryPoints: programs.map((program) => program.source),
    outdir: join(dir, 'out'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@csp/source'],
    sourcemap: 'inline',
    logLevel: 'silent',
  });
}

/** Runs one bundle with `node`, killing it after `timeoutMs`. */
export function runProgram(program: Program, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    // Not the test runner's Node options nor its coverage collection: a snippet runs as a user runs it.
    const { NODE_OPTIONS: _options, NODE_V8_COVERAGE: _coverage, ...env } = process.env;
    const child = spawn(process.execPath, ['--enable-source-maps', program.bundle], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, timedOut });
    });
  });
}

/** Runs `tasks` in order, at most one per CPU at a time; each promise settles when its task has run. */
export function limited<T>(tasks: ReadonlyArray<() => Promise<T>>): Promise<T>[] {
  const settle: Array<{ resolve: (value: T) => void; reject: (reason: unknown) => void }> = [];
  const results = tasks.map((_, i) => new Promise<T>((resolve, reject) => (settle[i] = { resolve, reject })));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      await tasks[i]!().then(settle[i]!.resolve, settle[i]!.reject);
    }
  };
  for (let w = 0; w < Math.min(tasks.length, Math.max(1, availableParallelism())); w++) void worker();
  return results;
}
