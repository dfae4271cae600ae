// Bundles bench/bench.ts (it imports src/ directly) and runs it: `npm run bench`.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

// Inside the checkout, so the bundle resolves the project's node_modules.
const dir = new URL('../node_modules/.cache/codex-agent-bench', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
const outfile = join(dir, 'bench.mjs');
await build({
  entryPoints: [new URL('./bench.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // As in the CLI's bundle: src/config.ts requires yaml (CommonJS) only when a config.yaml exists.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
const res = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
rmSync(dir, { recursive: true, force: true });
process.exit(res.status ?? 1);
