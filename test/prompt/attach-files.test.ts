import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { attachFiles, DEFAULT_ATTACH_CAP_BYTES, fitUnderCap, formatBytes, isBinary, nameList } from '../../src/prompt/attach-files.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('codex-agent-attach-');
  mkdirSync(join(tmp.dir, 'src'));
});
afterEach(() => tmp.cleanup());
const put = (rel: string, data: string | Buffer): void => writeFileSync(join(tmp.dir, rel), data);

describe('isBinary', () => {
  it('calls a NUL byte or invalid UTF-8 binary, and any text not', () => {
    expect(isBinary(Buffer.from('plain text ünïcødé 🚀\n'))).toBe(false);
    expect(isBinary(Buffer.from(''))).toBe(false);
    expect(isBinary(Buffer.from([0x41, 0x00, 0x42]))).toBe(true);
    expect(isBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]))).toBe(true);
  });
});

describe('fitUnderCap', () => {
  it('keeps each file that still fits, in order, and leaves out the others whole', () => {
    const files = [{ size: 60 }, { size: 50 }, { size: 30 }, { size: 10 }];
    expect(fitUnderCap(files, 100)).toEqual({ kept: [files[0], files[2], files[3]], left: [files[1]] });
    expect(fitUnderCap(files, 0)).toEqual({ kept: [], left: files });
  });
});

describe('attachFiles', () => {
  it('reads text files, skips binaries and leaves out what is over the cap, saying so', () => {
    put('src/a.ts', 'a'.repeat(40));
    put('src/big.json', 'b'.repeat(200));
    put('src/logo.png', Buffer.from([0x89, 0x50, 0x00, 0x01]));
    put('src/z.ts', 'z'.repeat(50));
    const r = attachFiles(tmp.dir, ['src/a.ts', 'src/big.json', 'src/logo.png', 'src/z.ts'], 100);
    expect(r.files).toEqual([
      { path: 'src/a.ts', text: 'a'.repeat(40) },
      { path: 'src/z.ts', text: 'z'.repeat(50) },
    ]);
    expect(r.notes).toEqual(['-f: skipped 1 binary file(s): src/logo.png', '-f: left out 1 file(s), 200 bytes, over the 100 bytes cap for attached files: src/big.json']);
  });

  it('has no notes when all fits', () => {
    put('src/a.ts', 'x');
    expect(attachFiles(tmp.dir, ['src/a.ts'])).toEqual({ files: [{ path: 'src/a.ts', text: 'x' }], notes: [] });
  });

  it('states its default cap in start --help', () => {
    const start = buildProgram().commands.find((c) => c.name() === 'start')!;
    const file = start.options.find((o) => o.long === '--file')!;
    expect(file.description).toContain(`${formatBytes(DEFAULT_ATTACH_CAP_BYTES)} in all`);
  });
});

describe('formatBytes and nameList', () => {
  it('reads as a person would write it', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(256 * 1024)).toBe('256 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
    expect(nameList(['a', 'b'])).toBe('a, b');
    expect(nameList(Array.from({ length: 12 }, (_, i) => `f${i}`))).toBe('f0, f1, f2, f3, f4, f5, f6, f7, f8, f9 and 2 more');
  });
});
