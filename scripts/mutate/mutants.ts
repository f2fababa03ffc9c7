// Real mutation testing of packages/channel/src and packages/sync/src with our own generator
// (StrykerJS 10 needs Node 22 and its mocha runner does not load mocha 12). Mutants are made
// with the TypeScript compiler API, one at a time, written into the sandbox, and judged by the tests of
// the file's own package that cover the file (found once, from V8 coverage), fastest first,
// with `--bail`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { onlyPackage, root, runMocha, withPatchedFile, worktree, type Verdict } from './workspace.js';

/** One mutant: `text[start, end)` of `file` replaced by `replacement`. */
export interface Mutant {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly mutator: string;
  readonly line: number;
  readonly original: string;
}

const packages = (['channel', 'sync'] as const).filter((pkg) => onlyPackage === undefined || pkg === onlyPackage);

/** Files with nothing to mutate: re-export lists. */
const skipped = new Set(['index.ts', 'internal.ts', 'deadlock.ts']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The source files to mutate, relative to the root. */
export function sourceFiles(): string[] {
  return packages.flatMap((pkg) =>
    walk(join(root, `packages/${pkg}/src`))
      .filter((path) => path.endsWith('.ts') && !skipped.has(relative(join(root, `packages/${pkg}/src`), path)))
      .map((path) => relative(root, path))
      .sort(),
  );
}

const swaps: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: '!==',
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: '===',
  [ts.SyntaxKind.LessThanToken]: '<=',
  [ts.SyntaxKind.LessThanEqualsToken]: '<',
  [ts.SyntaxKind.GreaterThanToken]: '>=',
  [ts.SyntaxKind.GreaterThanEqualsToken]: '>',
  [ts.SyntaxKind.AmpersandAmpersandToken]: '||',
  [ts.SyntaxKind.BarBarToken]: '&&',
  [ts.SyntaxKind.PlusToken]: '-',
  [ts.SyntaxKind.MinusToken]: '+',
  [ts.SyntaxKind.AsteriskToken]: '/',
  [ts.SyntaxKind.PlusEqualsToken]: '-=',
  [ts.SyntaxKind.MinusEqualsToken]: '+=',
  [ts.SyntaxKind.QuestionQuestionToken]: '&&',
};

const isStringy = (node: ts.Node): boolean =>
  ts.isStringLiteral(node) || ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node);

/**
 * The mutants of `file`: relational/equality/logical/arithmetic operator swaps, `!` removal,
 * `++`/`--` swaps, boolean literal flips, `if` conditions forced true and false, and removal of
 * expression statements (calls, assignments) and of `return`/`break`/`continue` inside blocks.
 */
export function mutantsOf(file: string): Mutant[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const mutants: Mutant[] = [];
  const add = (start: number, end: number, replacement: string, mutator: string): void => {
    const line = source.getLineAndCharacterOfPosition(start).line + 1;
    mutants.push({ file, start, end, replacement, mutator, line, original: text.slice(start, end) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isBinaryExpression(node)) {
      const swap = swaps[node.operatorToken.kind];
      const stringy = isStringy(node.left) || isStringy(node.right);
      if (swap !== undefined && !(stringy && node.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
        add(node.operatorToken.getStart(source), node.operatorToken.end, swap, 'operator');
      }
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      add(node.getStart(source), node.getStart(source) + 1, '', 'negation removal');
    } else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
      const at = ts.isPrefixUnaryExpression(node) ? node.getStart(source) : node.operand.end;
      add(at, at + 2, node.operator === ts.SyntaxKind.PlusPlusToken ? '--' : '++', 'update');
    } else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      add(node.getStart(source), node.end, node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true', 'boolean');
    } else if (ts.isIfStatement(node)) {
      add(node.expression.getStart(source), node.expression.end, 'true', 'condition');
      add(node.expression.getStart(source), node.expression.end, 'false', 'condition');
    }
    const inBlock = node.parent !== undefined && (ts.isBlock(node.parent) || ts.isCaseClause(node.parent));
    const removable =
      (ts.isExpressionStatement(node) && node.expression.kind !== ts.SyntaxKind.SuperKeyword && !isSuperCall(node)) ||
      (ts.isReturnStatement(node) && node.expression === undefined) ||
      ts.isBreakStatement(node) ||
      ts.isContinueStatement(node);
    if (inBlock && removable) add(node.getStart(source), node.end, '', 'statement removal');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return mutants;
}

function isSuperCall(statement: ts.ExpressionStatement): boolean {
  const e = statement.expression;
  return ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.SuperKeyword;
}

/** A test file with how long it takes and which source files it runs code of. */
interface TestFile {
  readonly path: string;
  readonly ms: number;
  readonly covers: ReadonlySet<string>;
}

/** Runs each test file of `pkg` once under V8 coverage: its duration and the files it covers. */
async function coverageOf(pkg: string): Promise<TestFile[]> {
  const dir = `packages/${pkg}/test`;
  const tests = readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `${dir}/${name}`);
  const files: TestFile[] = [];
  for (const path of tests) {
    const coverageDir = mkdtempSync(join(tmpdir(), 'csp-mutate-'));
    let run = await runMocha([path], 300_000, { NODE_V8_COVERAGE: coverageDir });
    if (run.verdict !== 'survived') {
      // One retry, from scratch: a flaky test must not pass for a killed mutant later.
      rmSync(coverageDir, { recursive: true, force: true });
      mkdirSync(coverageDir);
      console.log(`${path} failed without any mutant; retrying once`);
      run = await runMocha([path], 300_000, { NODE_V8_COVERAGE: coverageDir });
    }
    if (run.verdict !== 'survived') throw new Error(`${path} fails without any mutant:\n${run.output}`);
    const covers = new Set<string>();
    for (const name of readdirSync(coverageDir)) {
      const report = JSON.parse(readFileSync(join(coverageDir, name), 'utf8')) as {
        result: { url: string; functions: { ranges: { startOffset: number; count: number }[] }[] }[];
      };
      for (const script of report.result) {
        if (!script.url.startsWith('file:')) continue;
        const file = relative(root, fileURLToPath(script.url));
        // Beyond the module's own top level (offset 0), some function of the file ran.
        if (script.functions.some((f) => f.ranges[0]!.startOffset > 0 && f.ranges[0]!.count > 0)) covers.add(file);
      }
    }
    rmSync(coverageDir, { recursive: true, force: true });
    files.push({ path, ms: run.ms, covers });
  }
  return files.sort((a, b) => a.ms - b.ms);
}

/** How the mutants of one file fared. */
interface FileResult {
  file: string;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
}

/** Every `step`-th element, so that `limit` mutants spread over the whole file. */
function sample<T>(items: T[], limit: number | undefined): T[] {
  if (limit === undefined || items.length <= limit) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}

/** Runs the mutants; prints a table; writes mutation/report.json. Returns whether ≥ 85% were killed per package. */
export async function runMutants(options: { files?: string[] | undefined; limit?: number | undefined }): Promise<boolean> {
  const files = options.files ?? sourceFiles();
  const started = Date.now();
  const coverage = new Map<string, TestFile[]>();
  for (const pkg of packages) {
    if (files.some((f) => f.startsWith(`packages/${pkg}/`))) coverage.set(pkg, await coverageOf(pkg));
  }
  const results: FileResult[] = [];
  const survivors: (Mutant & { verdict: Verdict })[] = [];
  for (const file of files) {
    const pkg = file.split('/')[1]!;
    const tests = (coverage.get(pkg) ?? []).filter((t) => t.covers.has(file));
    const result: FileResult = { file, killed: 0, survived: 0, timeout: 0, noCoverage: 0 };
    results.push(result);
    const text = readFileSync(join(root, file), 'utf8');
    const timeoutMs = 2 * tests.reduce((sum, t) => sum + t.ms, 0) + 15_000;
    for (const mutant of sample(mutantsOf(file), options.limit)) {
      if (tests.length === 0) {
        result.noCoverage++;
        survivors.push({ ...mutant, verdict: 'survived' });
        continue;
      }
      const patched = text.slice(0, mutant.start) + mutant.replacement + text.slice(mutant.end);
      const run = await withPatchedFile(file, patched, () =>
        runMocha(
          tests.map((t) => t.path),
          timeoutMs,
        ),
      );
      result[run.verdict]++;
      if (run.verdict === 'survived') survivors.push({ ...mutant, verdict: run.verdict });
      const where = `${file}:${mutant.line}`;
      console.log(
        `${run.verdict.padEnd(8)} ${where} ${mutant.mutator}: ${JSON.stringify(mutant.original)} -> ${JSON.stringify(mutant.replacement)} (${Math.round(run.ms)} ms)`,
      );
    }
    save(started, options, results, survivors); // a long run that stops early keeps what it found
  }
  const minutes = save(started, options, results, survivors);
  console.log(`\n${report(results)}\n(${minutes} min)`);
  return packages.every((pkg) => {
    const rows = results.filter((r) => r.file.startsWith(`packages/${pkg}/`));
    return rows.length === 0 || score(rows) >= 85;
  });
}

/** Writes mutation/report.json (report-<package>.json with `--package`: the results so far); returns the minutes spent. */
function save(started: number, options: object, results: readonly FileResult[], survivors: readonly Mutant[]): string {
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  mkdirSync(join(worktree, 'mutation'), { recursive: true });
  const json = { date: new Date().toISOString(), minutes: Number(minutes), options, table: report(results), results, survivors };
  writeFileSync(
    join(worktree, `mutation/report${onlyPackage === undefined ? '' : `-${onlyPackage}`}.json`),
    `${JSON.stringify(json, null, 2)}\n`,
  );
  return minutes;
}

/** Killed and timed-out mutants over all mutants, in percent. */
function score(rows: readonly FileResult[]): number {
  const detected = rows.reduce((s, r) => s + r.killed + r.timeout, 0);
  const total = rows.reduce((s, r) => s + r.killed + r.timeout + r.survived + r.noCoverage, 0);
  return total === 0 ? 100 : (100 * detected) / total;
}

/** A markdown table: one row per file, one total per package. */
function report(results: readonly FileResult[]): string {
  const lines = ['| file | killed | survived | timeout | no coverage | score |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  const row = (name: string, rows: readonly FileResult[]): string => {
    const sum = (key: 'killed' | 'survived' | 'timeout' | 'noCoverage'): number => rows.reduce((s, r) => s + r[key], 0);
    return `| ${name} | ${sum('killed')} | ${sum('survived')} | ${sum('timeout')} | ${sum('noCoverage')} | ${score(rows).toFixed(1)}% |`;
  };
  for (const pkg of packages) {
    const rows = results.filter((r) => r.file.startsWith(`packages/${pkg}/`));
    if (rows.length === 0) continue;
    for (const r of rows) lines.push(row(r.file, [r]));
    lines.push(row(`**packages/${pkg}/src**`, rows));
  }
  return lines.join('\n');
}
