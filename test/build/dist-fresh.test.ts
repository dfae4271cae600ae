// The plugin runs the committed dist/ with no build step, so dist/ must match src/: the entry
// dist/cli.js, every chunk it loads (one per command, and what commands share), the YAML parser
// in dist/vendor/, and nothing else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

describe('dist/', () => {
  it('is exactly what `npm run build` makes from the current src/ (rebuild and commit dist/ if this fails)', async () => {
    const builds = JSON.parse(readFileSync(join(root, 'scripts', 'bundle-options.json'), 'utf8')) as Record<string, BuildOptions>;
    expect(Object.keys(builds).sort()).toEqual(['cli', 'yaml']);
    const fresh = new Map<string, string>();
    for (const options of Object.values(builds)) {
      expect(options.outdir).toBe('dist');
      for (const f of (await build({ ...options, absWorkingDir: root, write: false })).outputFiles) fresh.set(relative(dist, f.path), f.text);
    }
    // The entry, its chunks and the YAML parser: a build that stopped splitting fails here too.
    expect(fresh.has('cli.js')).toBe(true);
    expect(fresh.has('vendor/yaml.cjs')).toBe(true);
    expect([...fresh.keys()].filter((p) => p.startsWith('chunks/')).length).toBeGreaterThan(10);
    const committed = filesUnder(dist).map((p) => relative(dist, p));
    expect(committed.sort(), 'files in dist/ that the build does not make, or that it makes and dist/ lacks').toEqual([...fresh.keys()].sort());
    for (const [path, text] of fresh) {
      const onDisk = readFileSync(join(dist, path), 'utf8');
      expect(onDisk.length, `dist/${path}`).toBe(text.length);
      expect(onDisk === text, `dist/${path} differs from the build`).toBe(true);
    }
  });

  it('runs from bin/codex-agent and reports the package version', async () => {
    const { execa } = await import('execa');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(existsSync(join(dist, 'cli.js'))).toBe(true);
    const res = await execa(process.execPath, [join(root, 'bin', 'codex-agent'), '--version']);
    expect(res.stdout.trim()).toBe(pkg.version);
  });
});
