// The plugin runs the committed dist/ with no build step, so dist/ must match src/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'dist-fresh-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dist/cli.js', () => {
  it('is what `npm run build` makes from the current src/ (rebuild and commit dist/ if this fails)', async () => {
    const options = JSON.parse(readFileSync(join(root, 'scripts', 'bundle-options.json'), 'utf8')) as BuildOptions;
    const outfile = join(tmp, 'cli.js');
    await build({ ...options, absWorkingDir: root, outfile });
    const fresh = readFileSync(outfile, 'utf8');
    const committed = readFileSync(join(root, 'dist', 'cli.js'), 'utf8');
    expect(committed.length).toBe(fresh.length);
    expect(committed === fresh).toBe(true);
  });

  it('runs from bin/codex-agent and reports the package version', async () => {
    const { execa } = await import('execa');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const res = await execa(process.execPath, [join(root, 'bin', 'codex-agent'), '--version']);
    expect(res.stdout.trim()).toBe(pkg.version);
  });
});
