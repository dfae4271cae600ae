import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { addContext } from '../../src/prompt/context.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('codex-agent-context-');
  mkdirSync(join(tmp.dir, 'src'));
  writeFileSync(join(tmp.dir, 'src', 'a.ts'), 'A\n');
});
afterEach(() => tmp.cleanup());

describe('addContext', () => {
  it('adds nothing and notes nothing without --map and -f', () => {
    expect(addContext('task', tmp.dir, {})).toEqual({ prompt: 'task', notes: [] });
    expect(addContext('task', tmp.dir, { files: [] })).toEqual({ prompt: 'task', notes: [] });
  });

  it('goes on without a map, with a note, and still attaches the files', () => {
    const r = addContext('task', tmp.dir, { map: true, files: ['src/*.ts'] });
    expect(r.notes).toEqual([expect.stringMatching(/^--map: no codebase map in /)]);
    expect(r.prompt).toBe('task\n\n---\n\nContext: the attached files.\n\n## File: src/a.ts\n\n```\nA\n```');
  });

  it('puts the map first when there is one', () => {
    writeFileSync(join(tmp.dir, 'CODEBASE_MAP.md'), 'the map\n');
    const r = addContext('task', tmp.dir, { map: true, files: ['src/a.ts'] });
    expect(r.notes).toEqual([]);
    expect(r.prompt.indexOf('## Codebase map (CODEBASE_MAP.md)')).toBeLessThan(r.prompt.indexOf('## File: src/a.ts'));
  });

  it('refuses a pattern that matches nothing, before reading anything', () => {
    expect(() => addContext('task', tmp.dir, { map: true, files: ['src/*.py'] })).toThrow(UsageError);
  });
});
