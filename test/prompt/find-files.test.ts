import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findFiles, relativePattern } from '../../src/prompt/find-files.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
let root: string;
let outside: string;
beforeAll(() => {
  tmp = tempDir('codex-agent-find-');
  root = join(tmp.dir, 'project');
  outside = join(tmp.dir, 'outside');
  const files = [
    'README.md',
    'docs/guide.md',
    'src/a.ts',
    'src/b.ts',
    'src/deep/er/c.ts',
    'src/deep/d.js',
    'src/.env',
    '.github/workflows/ci.yml',
    '.git/config',
    'node_modules/dep/index.ts',
    'src/node_modules/inner/x.ts',
  ];
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), `${f}\n`);
  }
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.ts'), 'secret\n');
  // A link out of the directory, to a file and to a folder, and a loop.
  symlinkSync(join(outside, 'secret.ts'), join(root, 'src', 'leak.ts'));
  symlinkSync(outside, join(root, 'src', 'outdir'));
  symlinkSync(join(root, 'src'), join(root, 'src', 'deep', 'loop'));
  symlinkSync(join(root, 'src', 'a.ts'), join(root, 'src', 'alias.ts'));
});
afterAll(() => tmp.cleanup());

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('findFiles', () => {
  it('matches under the directory, sorted, each file once, across patterns', () => {
    expect(findFiles(root, ['src/*.ts', 'src/a.ts', '*.md'])).toEqual(['README.md', 'src/a.ts', 'src/alias.ts', 'src/b.ts']);
    expect(findFiles(root, ['src/**/*.ts'])).toEqual(['src/a.ts', 'src/alias.ts', 'src/b.ts', 'src/deep/er/c.ts']);
    expect(findFiles(root, ['**/*.{md,js}'])).toEqual(['README.md', 'docs/guide.md', 'src/deep/d.js']);
  });

  it('takes a literal file, and a folder as everything under it', () => {
    expect(findFiles(root, ['docs/guide.md'])).toEqual(['docs/guide.md']);
    expect(findFiles(root, ['./src/deep/'])).toEqual(['src/deep/d.js', 'src/deep/er/c.ts']);
  });

  it('skips .git, node_modules and dot names unless a pattern names them', () => {
    const all = findFiles(root, ['**']);
    expect(all.filter((f) => f.includes('.git') || f.includes('node_modules') || f.includes('.env'))).toEqual([]);
    expect(findFiles(root, ['node_modules/**/*.ts'])).toEqual(['node_modules/dep/index.ts']);
    expect(findFiles(root, ['**/node_modules/**'])).toEqual(['node_modules/dep/index.ts', 'src/node_modules/inner/x.ts']);
    expect(findFiles(root, ['.git/config'])).toEqual(['.git/config']);
    expect(findFiles(root, ['src/.env'])).toEqual(['src/.env']);
    expect(findFiles(root, ['.github/**/*.yml'])).toEqual(['.github/workflows/ci.yml']);
  });

  it('never follows a link out of the directory, nor into a folder', () => {
    const all = findFiles(root, ['**']);
    expect(all).not.toContain('src/leak.ts');
    expect(all.some((f) => f.startsWith('src/outdir/') || f.includes('/loop/'))).toBe(false);
    expect(all).toContain('src/alias.ts');
    expect(usage(() => findFiles(root, ['src/leak.ts']))).toMatch(/no file matches/);
    expect(usage(() => findFiles(root, ['src/outdir/*']))).toMatch(/no file matches/);
  });

  it('takes an absolute pattern inside the directory', () => {
    expect(findFiles(root, [join(root, 'src', '*.ts')])).toEqual(['src/a.ts', 'src/alias.ts', 'src/b.ts']);
  });

  it('refuses, in one line, a pattern that matches nothing or leaves the directory', () => {
    expect(usage(() => findFiles(root, ['src/*.ts', 'src/*.py']))).toBe(`-f src/*.py: no file matches in ${root}`);
    expect(usage(() => findFiles(root, ['../outside/*']))).toMatch(/^-f \.\.\/outside\/\*: "\.\." is not allowed/);
    expect(usage(() => findFiles(root, ['src/../../outside/secret.ts']))).toMatch(/"\.\." is not allowed/);
    expect(usage(() => findFiles(root, [join(outside, 'secret.ts')]))).toMatch(/outside the job's directory/);
    expect(usage(() => findFiles(root, [`${root}-sibling/x`]))).toMatch(/outside the job's directory/);
    expect(usage(() => findFiles(root, ['']))).toBe('-f/--file: the pattern is empty');
    expect(usage(() => findFiles(root, ['.']))).toMatch(/names the job's directory itself/);
    expect(usage(() => findFiles(root, [root]))).toMatch(/names the job's directory itself/);
  });
});

describe('relativePattern', () => {
  it('drops "." parts and the directory prefix, through its real path too', () => {
    expect(relativePattern('./src//*.ts', '/p')).toBe('src/*.ts');
    expect(relativePattern('/p/src/*.ts', '/p')).toBe('src/*.ts');
    expect(relativePattern('/real/p/src/*.ts', '/p', '/real/p')).toBe('src/*.ts');
  });
});
