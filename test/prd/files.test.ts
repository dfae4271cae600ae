// PRD files as read for `start --prd` and listed by `prd list`: text taken exactly or refused.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createPrd, listPrds, prdDir, readPrd } from '../../src/prd/files.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('codex-agent-prd-files-');
});
afterEach(() => tmp.cleanup());

const LATIN1 = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n# Caf\n')]);

describe('readPrd', () => {
  it('refuses a PRD that is not UTF-8, naming the file and the byte', () => {
    const file = join(tmp.dir, 'bad.md');
    writeFileSync(file, LATIN1);
    expect(() => readPrd(file)).toThrow(UsageError);
    expect(() => readPrd(file)).toThrow(`--prd: ${file} is not valid UTF-8 (byte 0xe9 at offset 14)`);
  });

  it('names a file it cannot read', () => {
    expect(() => readPrd(join(tmp.dir, 'none.md'))).toThrow(`--prd: cannot read ${join(tmp.dir, 'none.md')} (ENOENT)`);
  });
});

describe('listPrds', () => {
  it('lists a PRD that is not UTF-8 with the reason, and the others as usual', () => {
    const dir = prdDir(tmp.dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a-bad.md'), LATIN1);
    const good = createPrd(tmp.dir, 'Café menu', 2, '2026-11-29');
    const listed = listPrds(tmp.dir);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toEqual({ path: join(dir, 'a-bad.md'), error: `${join(dir, 'a-bad.md')} is not valid UTF-8 (byte 0xe9 at offset 14)` });
    expect(listed[1]).toMatchObject({ path: good, prd: { meta: { title: 'Café menu' } } });
    expect(readPrd(good).meta.title).toBe('Café menu');
  });
});
