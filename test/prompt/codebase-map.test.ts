import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findCodebaseMap, MAP_CANDIDATES, noMapNote } from '../../src/prompt/codebase-map.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('codex-agent-map-');
  mkdirSync(join(tmp.dir, 'docs'));
});
afterEach(() => tmp.cleanup());

describe('findCodebaseMap', () => {
  it('takes the first candidate that exists, in the documented order', () => {
    expect(MAP_CANDIDATES).toEqual(['docs/CODEBASE_MAP.md', 'CODEBASE_MAP.md', 'docs/ARCHITECTURE.md']);
    expect(findCodebaseMap(tmp.dir)).toBeNull();
    writeFileSync(join(tmp.dir, 'docs', 'ARCHITECTURE.md'), 'arch');
    expect(findCodebaseMap(tmp.dir)).toEqual({ path: 'docs/ARCHITECTURE.md', text: 'arch' });
    writeFileSync(join(tmp.dir, 'CODEBASE_MAP.md'), 'root map');
    expect(findCodebaseMap(tmp.dir)).toEqual({ path: 'CODEBASE_MAP.md', text: 'root map' });
    writeFileSync(join(tmp.dir, 'docs', 'CODEBASE_MAP.md'), 'docs map');
    expect(findCodebaseMap(tmp.dir)).toEqual({ path: 'docs/CODEBASE_MAP.md', text: 'docs map' });
  });

  it('passes over a folder of that name', () => {
    mkdirSync(join(tmp.dir, 'CODEBASE_MAP.md'));
    writeFileSync(join(tmp.dir, 'docs', 'ARCHITECTURE.md'), 'arch');
    expect(findCodebaseMap(tmp.dir)?.path).toBe('docs/ARCHITECTURE.md');
  });

  it('refuses a map that is not UTF-8, naming it and the byte, rather than mangle it', () => {
    writeFileSync(join(tmp.dir, 'CODEBASE_MAP.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(() => findCodebaseMap(tmp.dir)).toThrow(new UsageError('--map: the codebase map CODEBASE_MAP.md is not valid UTF-8 (byte 0xe9 at offset 3): the agent takes text and would get U+FFFD in its place; nothing was started or sent (convert it to UTF-8 first)'));
  });

  it('names the folder and every place it looked when there is none', () => {
    expect(noMapNote('/w')).toBe('--map: no codebase map in /w (looked for docs/CODEBASE_MAP.md, CODEBASE_MAP.md, docs/ARCHITECTURE.md); the prompt goes without one');
  });
});
