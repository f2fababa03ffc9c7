// Generates the API reference (docs/api/, git-ignored) from the packages' TSDoc with typedoc and
// typedoc-plugin-markdown, plus docs/api/sidebar.json for the VitePress sidebar.
// Run by `pnpm docs:build` and `pnpm docs:serve` before VitePress.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, ReflectionKind } from 'typedoc';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..');
const out = join(docs, 'api');

/**
 * The public entry points: each package's index, the deadlock report's one-line import and
 * `@csp/testing/fast-check`.
 */
const candidates = [
  'packages/channel/src/index.ts',
  'packages/channel/src/deadlock.ts',
  'packages/sync/src/index.ts',
  'packages/patterns/src/index.ts',
  'packages/threads/src/index.ts',
  'packages/testing/src/index.ts',
  'packages/testing/src/fast-check.ts',
  'packages/trace/src/index.ts',
];
// A package whose source is not written yet is left out rather than failing the whole site.
const entryPoints = candidates.map((path) => join(root, path)).filter((path) => existsSync(path) && statSync(path).size > 0);

rmSync(out, { recursive: true, force: true });
const app = await Application.bootstrapWithPlugins({
  entryPoints,
  tsconfig: join(docs, 'tsconfig.api.json'),
  plugin: ['typedoc-plugin-markdown'],
  out,
  readme: 'none',
  name: 'API reference',
  entryFileName: 'index',
  hidePageHeader: true,
  hideBreadcrumbs: true,
  useCodeBlocks: true,
  parametersFormat: 'table',
  excludeInternal: true,
  excludePrivate: true,
  sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
  disableSources: true,
  // Type errors are `pnpm typecheck`'s job; the reference is built from whatever the TSDoc says.
  skipErrorChecking: true,
  logLevel: 'Warn',
});
// Name each module after its package and subpath (`channel`, `channel/deadlock`) rather than
// after its file name; the sidebar shows them as `@csp/channel`, `@csp/channel/deadlock`.
app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
  if (!reflection.kindOf(ReflectionKind.Module)) return;
  const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
  const match = file === undefined ? null : /packages\/([^/]+)\/src\/(.+)\.ts$/.exec(file);
  if (match !== null) reflection.name = `${match[1]}${match[2] === 'index' ? '' : `/${match[2]}`}`;
});
const project = await app.convert();
if (project === undefined) throw new Error('typedoc could not convert the packages: see the errors above');
await app.generateOutputs(project);
const modules = sidebarOf(out);
showPackageNames(modules);
writeFileSync(join(out, 'sidebar.json'), JSON.stringify(modules, null, 2));
console.log(`API reference: ${entryPoints.map((p) => relative(root, p)).join(', ')} -> ${relative(root, out)}/`);

/** The sidebar: one group per module, listing its pages (read off the generated index pages). */
function sidebarOf(dir) {
  const index = readFileSync(join(dir, 'index.md'), 'utf8');
  return [...index.matchAll(/^- \[([^\]]+)\]\(([^)]+)\.md\)/gm)].map(([, text, link]) => ({
    text: `@csp/${text}`,
    link: `/api/${link.replace(/index$/, '')}`,
  }));
}

/** Titles the overview's list and each module's page with the package name (`@csp/channel`). */
function showPackageNames(modules) {
  const overview = join(out, 'index.md');
  writeFileSync(overview, readFileSync(overview, 'utf8').replace(/^- \[([^\]]+)\]/gm, '- [@csp/$1]'));
  for (const { link } of modules) {
    const page = join(docs, `${link}index.md`);
    writeFileSync(page, readFileSync(page, 'utf8').replace(/^# (.+)$/m, '# @csp/$1'));
  }
}
