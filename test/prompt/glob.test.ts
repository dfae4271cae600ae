import { describe, expect, it } from 'vitest';
import { expandBraces, globToRegExp, isLiteral, splitBase } from '../../src/prompt/glob.js';

const matches = (pattern: string, path: string): boolean => globToRegExp(pattern).test(path);

describe('globToRegExp', () => {
  it('keeps * and ? within one name', () => {
    expect(matches('src/*.ts', 'src/a.ts')).toBe(true);
    expect(matches('src/*.ts', 'src/deep/a.ts')).toBe(false);
    expect(matches('src/?.ts', 'src/a.ts')).toBe(true);
    expect(matches('src/?.ts', 'src/ab.ts')).toBe(false);
    expect(matches('*.md', 'README.md')).toBe(true);
    expect(matches('*.md', 'docs/README.md')).toBe(false);
  });

  it('lets ** span any number of folders, none included', () => {
    for (const p of ['a.ts', 'src/a.ts', 'src/x/y/z/a.ts']) expect(matches('**/*.ts', p), p).toBe(true);
    expect(matches('src/**/*.ts', 'src/a.ts')).toBe(true);
    expect(matches('src/**/*.ts', 'src/x/y/a.ts')).toBe(true);
    expect(matches('src/**/*.ts', 'lib/a.ts')).toBe(false);
    expect(matches('src/**', 'src/x/y/a.js')).toBe(true);
    expect(matches('src/**', 'src')).toBe(false);
    expect(matches('**/test/*.ts', 'a/b/test/c.ts')).toBe(true);
  });

  it('matches a name starting with "." only where the pattern says "."', () => {
    expect(matches('*', '.env')).toBe(false);
    expect(matches('**/*', 'src/.env')).toBe(false);
    expect(matches('**/*.ts', '.hidden/a.ts')).toBe(false);
    expect(matches('.*', '.env')).toBe(true);
    expect(matches('.github/**/*.yml', '.github/workflows/ci.yml')).toBe(true);
  });

  it('reads classes, negated classes and escapes', () => {
    expect(matches('file[12].txt', 'file1.txt')).toBe(true);
    expect(matches('file[12].txt', 'file3.txt')).toBe(false);
    expect(matches('file[!12].txt', 'file3.txt')).toBe(true);
    expect(matches('file[a-c].txt', 'fileb.txt')).toBe(true);
    expect(matches('a\\*b', 'a*b')).toBe(true);
    expect(matches('a\\*b', 'axb')).toBe(false);
    // Regular-expression characters are themselves.
    expect(matches('a+(b).ts', 'a+(b).ts')).toBe(true);
    expect(matches('a+(b).ts', 'aa(b).ts')).toBe(false);
  });
});

describe('expandBraces', () => {
  it('expands alternatives, nested ones and ones holding "/"', () => {
    expect(expandBraces('src/*.{ts,js}')).toEqual(['src/*.ts', 'src/*.js']);
    expect(expandBraces('{src,test/unit}/**')).toEqual(['src/**', 'test/unit/**']);
    expect(expandBraces('a{b,{c,d}}e')).toEqual(['abe', 'ace', 'ade']);
    expect(expandBraces('{a,b}{1,2}')).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('leaves braces with no comma, and escaped ones, as they are', () => {
    expect(expandBraces('a{b}c')).toEqual(['a{b}c']);
    expect(expandBraces('a\\{b,c}')).toEqual(['a\\{b,c}']);
  });

  it('refuses a pattern that would explode', () => {
    expect(() => expandBraces('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}')).toThrow(/more than 256 patterns/);
  });
});

describe('splitBase and isLiteral', () => {
  it('separates the literal leading folders from the glob', () => {
    expect(splitBase('src/lib/**/*.ts')).toEqual({ base: ['src', 'lib'], rest: ['**', '*.ts'] });
    expect(splitBase('README.md')).toEqual({ base: ['README.md'], rest: [] });
    expect(splitBase('*.md')).toEqual({ base: [], rest: ['*.md'] });
    expect(isLiteral('node_modules')).toBe(true);
    expect(isLiteral('a[1]')).toBe(false);
  });
});
