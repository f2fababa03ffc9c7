// Checks every publishable package the way a consumer sees it (the packages must be built first:
// `pnpm build`):
// 1. `publint --strict` and `attw --pack --profile esm-only`;
// 2. the published declarations: no `@internal` member (tsconfig.base.json's `stripInternal`
//    removes them) and nothing that needs `@types/node` (`NodeJS.*`, `reference types="node"`);
//    the READMEs link with absolute URLs (npm shows them outside the repository);
// 3. the consumer fixture (packages/patterns/test/consumer): a project with `types: []` and
//    `lib: ["es2022", "dom"]` that imports the built packages, type-checked with the oldest
//    TypeScript we support and the newest, each package alone and all three together.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packageNames = readdirSync(packagesDir);

let failed = 0;
function fail(what, detail) {
  failed++;
  console.error(`FAIL ${what}\n${detail}`);
}

function run(what, command, args, cwd) {
  try {
    const out = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
    console.log(`ok   ${what}`);
    if (process.env.VERBOSE) console.log(out);
  } catch (error) {
    fail(what, `${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

for (const name of packageNames) {
  const dist = join(packagesDir, name, 'dist');
  if (!existsSync(join(dist, 'index.d.ts'))) {
    console.error(`FAIL @csp/${name} is not built: run \`pnpm build\` first.`);
    process.exit(1);
  }
}

// 1. publint and attw.
for (const name of packageNames) {
  const dir = join(packagesDir, name);
  run(`publint @csp/${name}`, bin('publint'), ['--strict'], dir);
  run(`attw @csp/${name}`, bin('attw'), ['--pack', '.', '--profile', 'esm-only'], dir);
}

// 2. What the published declarations must not contain.
const forbidden = [
  [/@internal\b/, 'an @internal member (is `stripInternal` on?)'],
  [/\bNodeJS\./, 'a NodeJS.* type (consumers without @types/node cannot compile it)'],
  [/<reference\s+types="node"/, 'a reference to @types/node'],
];
for (const name of packageNames) {
  const dist = join(packagesDir, name, 'dist');
  const found = [];
  for (const file of readdirSync(dist, { recursive: true })) {
    if (!file.endsWith('.d.ts')) continue;
    readFileSync(join(dist, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [pattern, what] of forbidden) {
          if (pattern.test(line)) found.push(`  dist/${file}:${i + 1}: ${what}\n    ${line.trim()}`);
        }
      });
  }
  if (found.length === 0) console.log(`ok   declarations @csp/${name}`);
  else fail(`declarations @csp/${name}`, found.join('\n'));
}

// The READMEs npm shows: a relative link would point nowhere on npmjs.com.
for (const name of packageNames) {
  const readme = readFileSync(join(packagesDir, name, 'README.md'), 'utf8');
  const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).filter((url) => !/^(https:|#)/.test(url));
  if (relative.length === 0) console.log(`ok   README links @csp/${name}`);
  else fail(`README links @csp/${name}`, `  not absolute: ${relative.join(', ')}`);
}

// 3. The consumer fixture, with each compiler, each package alone and all together.
const fixture = join(packagesDir, 'patterns', 'test', 'consumer');
const fixtureFiles = JSON.parse(readFileSync(join(fixture, 'tsconfig.json'), 'utf8')).files;
const compilers = [
  ['TypeScript 5.4', 'typescript5.4'],
  [`TypeScript ${JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version}`, 'typescript'],
  ['TypeScript 7', 'typescript7'],
];
const scratch = mkdtempSync(join(tmpdir(), 'csp-consumer-'));
try {
  const projects = [...fixtureFiles.map((file) => [file, [file]]), ['all packages', fixtureFiles]];
  for (const [label, files] of projects) {
    const tsconfig = join(scratch, `${label.replace(/\W+/g, '-')}.json`);
    writeFileSync(
      tsconfig,
      JSON.stringify({ extends: join(fixture, 'tsconfig.json'), files: files.map((f) => join(fixture, f)) }),
    );
    for (const [compiler, dir] of compilers) {
      const tsc = join(root, 'node_modules', dir, 'bin', 'tsc');
      run(`consumer ${label} (${compiler}, lib es2022 + dom, no @types/node)`, process.execPath, [tsc, '-p', tsconfig], fixture);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failed > 0) process.exit(1);
