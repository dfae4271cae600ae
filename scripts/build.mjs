// Bundles the CLI into dist/ with its runtime dependencies inlined (the plugin ships no
// node_modules). bundle-options.json holds the builds, so the staleness test builds identically:
// - cli: dist/cli.js, the entry (the command tree), and dist/chunks/, one chunk per command and
//   per part that commands share, each loaded only when a command needs it;
// - yaml: dist/vendor/yaml.cjs, the YAML parser on its own, which src/config.ts requires only
//   when a config.yaml exists (the cli build maps `yaml` to it).
// dist/ ends up holding exactly what these builds emit: the chunks are written before the entry
// that imports them, then the files of earlier builds (chunk names carry a content hash) removed.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builds = JSON.parse(readFileSync(join(root, 'scripts', 'bundle-options.json'), 'utf8'));
const outputs = [];
for (const options of Object.values(builds)) outputs.push(...(await build({ ...options, absWorkingDir: root, write: false })).outputFiles);
const dist = join(root, 'dist');
const entry = join(dist, 'cli.js');

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

for (const f of [...outputs.filter((f) => f.path !== entry), ...outputs.filter((f) => f.path === entry)]) {
  mkdirSync(dirname(f.path), { recursive: true });
  writeFileSync(f.path, f.contents);
}
const emitted = new Set(outputs.map((f) => f.path));
for (const stale of filesUnder(dist)) if (!emitted.has(stale)) rmSync(stale);
