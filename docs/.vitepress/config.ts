// The docs site: VitePress over docs/. Sections whose pages are written as separate files
// (patterns, workshop, API reference) get their sidebar from the files present at build time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The page's title: its frontmatter `title`, else its first `# ` heading, else its file name. */
function titleOf(file: string): string {
  const text = readFileSync(join(docs, file), 'utf8');
  const title = /^title:\s*(.+)$/m.exec(text.split(/^---$/m)[1] ?? '')?.[1] ?? /^# (.+)$/m.exec(text)?.[1];
  return (title ?? file.replace(/\.md$/, '')).replaceAll('`', '').trim();
}

/** Sidebar items for the given pages that exist (other pages may not be written yet). */
function pages(files: string[]): DefaultTheme.SidebarItem[] {
  return files
    .filter((file) => existsSync(join(docs, file)))
    .map((file) => ({ text: titleOf(file), link: `/${file.replace(/(index)?\.md$/, '')}` }));
}

/** Sidebar items for every page of a folder, in file-name order, its index first. */
function folder(dir: string): DefaultTheme.SidebarItem[] {
  if (!existsSync(join(docs, dir))) return [];
  const files = readdirSync(join(docs, dir))
    .filter((file) => file.endsWith('.md'))
    .sort((a, b) => (a === 'index.md' ? -1 : b === 'index.md' ? 1 : a.localeCompare(b)));
  return pages(files.map((file) => `${dir}/${file}`));
}

/** The API reference's modules, listed by docs/scripts/build-api.mjs. */
function apiModules(): DefaultTheme.SidebarItem[] {
  const sidebar = join(docs, 'api', 'sidebar.json');
  return existsSync(sidebar) ? (JSON.parse(readFileSync(sidebar, 'utf8')) as DefaultTheme.SidebarItem[]) : [];
}

/**
 * A link from a page to a package's folder (`../packages/channel/`, as read on GitHub) leads, on
 * the site, to that package's API reference.
 */
function rewritePackageLink(token: {
  type: string;
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
}): void {
  if (token.type !== 'link_open') return;
  const match = /^(?:\.\.\/)+packages\/(channel|sync|patterns)\/?(?:README\.md)?$/.exec(token.attrGet('href') ?? '');
  if (match !== null) token.attrSet('href', `/api/${match[1]}/`);
}

const primitives = [
  'channel',
  'select',
  'timers',
  'go',
  'deadlock',
  'mutex',
  'waitgroup',
  'once',
  'cond',
  'semaphore',
  'errgroup',
  'context',
].map((name) => `primitives/${name}.md`);

const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: pages([
      'getting-started.md',
      'porting-guide.md',
      'porting-guide-sync.md',
      'coming-from-streams.md',
      'threads.md',
      'testing.md',
      'trace.md',
    ]),
  },
  { text: 'Primitives', items: pages(primitives) },
  { text: 'Patterns', collapsed: false, items: folder('patterns') },
  { text: 'Workshop', collapsed: false, items: folder('workshop') },
  { text: 'Benchmarks', items: pages(['benchmarks.md']) },
  { text: 'API reference', collapsed: true, items: [{ text: 'Overview', link: '/api/' }, ...apiModules()] },
].filter((group) => group.items.length > 0);

export default defineConfig({
  title: 'csp',
  description: "Go's concurrency model for TypeScript: channels, select, timers, sync, context and patterns.",
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  lastUpdated: false,
  // Links to source files (the examples, and bench/'s sources from the included bench/README.md)
  // point readers of the Markdown at the repository; they are not pages of the site.
  ignoreDeadLinks: [/^(\.\/)?(\.\.\/)+(packages|examples|bench|scripts)\//, /^(\.\/)?src\//],
  srcExclude: ['**/node_modules/**', 'test/**', 'scripts/**', '.doctest*/**', 'README.md'],
  markdown: {
    theme: { light: 'github-light', dark: 'github-dark' },
    config: (md) => {
      md.core.ruler.push('package-links', (state) => {
        for (const token of state.tokens) for (const child of token.children ?? []) rewritePackageLink(child);
      });
    },
  },
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      ...pages(['porting-guide.md']).map((item) => ({ text: 'Porting guide', link: item.link! })),
      { text: 'Primitives', link: '/primitives/channel' },
      ...folder('patterns')
        .slice(0, 1)
        .map((item) => ({ text: 'Patterns', link: item.link! })),
      { text: 'Workshop', link: '/workshop/' },
      ...pages(['benchmarks.md']).map((item) => ({ text: 'Benchmarks', link: item.link! })),
      { text: 'API', link: '/api/' },
    ],
    logo: '/favicon.svg',
    sidebar,
    outline: [2, 3],
    search: { provider: 'local' },
  },
});
