// `pnpm mutate`: the mutation check. First the planted bugs (each must be killed), then real
// mutation testing of packages/channel/src and packages/sync/src, all in a sandbox copy of the
// workspace (.tmp/mutate/sandbox), so the files you edit are never touched. Options:
//   --planted-only        only the planted bugs
//   --mutants-only        only the generated mutants
//   --package=sync        only mutants of this package (own sandbox and report-sync.json, so
//                         that two packages can run side by side)
//   --files=a.ts,b.ts     only mutants of these source files (paths from the root)
//   --limit=N             at most N mutants per file (sampled evenly), for quick runs
import { runAllPlanted } from './planted.js';
import { runMutants } from './mutants.js';
import { createSandbox } from './workspace.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

createSandbox();
let ok = true;
if (!args.includes('--mutants-only')) ok = (await runAllPlanted()) && ok;
if (!args.includes('--planted-only')) {
  const limit = option('limit');
  ok = (await runMutants({ files: option('files')?.split(','), limit: limit === undefined ? undefined : Number(limit) })) && ok;
}
process.exitCode = ok ? 0 : 1;
