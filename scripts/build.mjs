// Bundles the CLI into dist/cli.js with its runtime dependencies inlined (the plugin ships no
// node_modules). The options live in bundle-options.json so the staleness test builds identically.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const options = JSON.parse(readFileSync(new URL('./bundle-options.json', import.meta.url), 'utf8'));
await build({ ...options, outfile: 'dist/cli.js' });
