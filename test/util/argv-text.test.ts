// Arguments that were not UTF-8 reach node as U+FFFD: told apart from a real U+FFFD by their bytes.
import { describe, expect, it } from 'vitest';
import { argvProblem, rawArgv } from '../../src/util/argv-text.js';

const raw = (...args: (string | Buffer)[]): Buffer[] => [Buffer.from('/usr/bin/node'), Buffer.from('--import'), Buffer.from('x.mjs'), Buffer.from('/bin/codex-agent'), ...args.map((a) => (typeof a === 'string' ? Buffer.from(a) : a))];

describe('argvProblem', () => {
  it('passes arguments without U+FFFD, and a real U+FFFD typed as its UTF-8 bytes', () => {
    expect(argvProblem(['start', 'plain'], raw('start', 'plain'))).toBeNull();
    expect(argvProblem(['start', 'a\uFFFDb'], raw('start', 'a\uFFFDb'))).toBeNull();
  });

  it('names the argument and the first byte that was not UTF-8 (node options before the script skipped)', () => {
    const bytes = Buffer.concat([Buffer.from('MOCK:SAY x'), Buffer.from([0xff, 0xc3, 0x28])]);
    const args = ['start', bytes.toString('utf8'), '-d', '/w'];
    expect(argvProblem(args, raw('start', bytes, '-d', '/w'))).toEqual({ index: 1, bad: { offset: 10, byte: 0xff } });
  });

  it('cannot vouch for U+FFFD without the raw arguments, or when they do not match: refused as unverifiable', () => {
    expect(argvProblem(['send', 'abcd', 'a\uFFFD'], null)).toEqual({ index: 2, unverifiable: true });
    expect(argvProblem(['send', 'abcd', 'a\uFFFD'], raw('something', 'else', 'a\uFFFD'))).toEqual({ index: 2, unverifiable: true });
    expect(argvProblem(['send', 'abcd', 'no replacement'], null)).toBeNull();
  });

  it('reads the process’s own arguments on Linux (the CLI tests check them against real bytes)', () => {
    const r = rawArgv();
    if (process.platform !== 'linux') return expect(r).toBeNull();
    expect(r!.length).toBeGreaterThan(0);
    expect(r!.every((x) => Buffer.isBuffer(x) && !x.includes(0))).toBe(true);
  });
});
