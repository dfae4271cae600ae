// Notes kept outside a state root that could not take them: per user and root, private, found
// again by whoever looks next, removed once the record holds them.
import { lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaveKillNote, leaveLastWords, noteDirs, readNotes, removeNotes, rootKey } from '../../src/store/side-notes.js';
import { makeRecord, tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
let saved: string | undefined;
const HOME = '/srv/some/state-root';

beforeEach(() => {
  tmp = tempDir('codex-agent-notes-');
  saved = process.env.XDG_RUNTIME_DIR;
  // The first place a note goes: a folder of this test's own.
  process.env.XDG_RUNTIME_DIR = tmp.dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_RUNTIME_DIR;
  else process.env.XDG_RUNTIME_DIR = saved;
  removeNotes(HOME, 'abcd1234');
  tmp.cleanup();
});

describe('side notes', () => {
  it('rootKey is stable per root and differs between roots', () => {
    expect(rootKey(HOME)).toMatch(/^[0-9a-f]{8}$/);
    expect(rootKey(HOME)).toBe(rootKey(`${HOME}/`));
    expect(rootKey(HOME)).not.toBe(rootKey('/srv/some/other-root'));
    expect(noteDirs(HOME, { XDG_RUNTIME_DIR: '/run/user/0' })[0]).toBe(`/run/user/0/codex-agent-${process.getuid!()}/${rootKey(HOME)}`);
  });

  it('a kill note and last words round-trip through a private folder, and go with removeNotes', () => {
    const path = leaveKillNote({ home: HOME, id: 'abcd1234', reason: 'killed by user', at: '2026-01-01T00:00:00.000Z' });
    expect(path).toBe(join(noteDirs(HOME)[0]!, 'abcd1234.kill.json'));
    const record = makeRecord({ id: 'abcd1234' });
    leaveLastWords({ home: HOME, id: 'abcd1234', at: '2026-01-01T00:00:01.000Z', runner: { pid: 1, start: 'b/1' }, base_updated_at: record.updated_at, reason: 'left', record });
    const notes = readNotes(HOME, 'abcd1234');
    expect(notes.kill).toMatchObject({ reason: 'killed by user', id: 'abcd1234' });
    expect(notes.words).toMatchObject({ reason: 'left', record: { id: 'abcd1234' } });
    const dir = noteDirs(HOME)[0]!;
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path!).mode & 0o777).toBe(0o600);
    // Another root, another job: nothing.
    expect(readNotes('/srv/other', 'abcd1234')).toEqual({ kill: null, words: null });
    expect(readNotes(HOME, 'abcd5678')).toEqual({ kill: null, words: null });
    removeNotes(HOME, 'abcd1234');
    expect(readNotes(HOME, 'abcd1234')).toEqual({ kill: null, words: null });
    // The root's folder went with its last note.
    expect(readdirSync(join(tmp.dir, `codex-agent-${process.getuid!()}`))).toEqual([]);
  });

  it('a note that is not ours (another root, garbage) is ignored', () => {
    const dir = noteDirs(HOME)[0]!;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'abcd1234.kill.json'), JSON.stringify({ home: '/elsewhere', id: 'abcd1234', reason: 'x', at: 'y' }));
    writeFileSync(join(dir, 'abcd1234.last-words.json'), 'garbage');
    expect(readNotes(HOME, 'abcd1234')).toEqual({ kill: null, words: null });
  });

  it('never writes through a folder another user could have planted as a symlink', () => {
    const planted = join(tmp.dir, 'planted');
    mkdirSync(planted);
    symlinkSync(planted, join(tmp.dir, `codex-agent-${process.getuid!()}`));
    const path = leaveKillNote({ home: HOME, id: 'abcd1234', reason: 'killed by user', at: 'now' });
    // Not under the symlink: the next place took it (or none did).
    expect(path === null || !path.startsWith(tmp.dir)).toBe(true);
    expect(lstatSync(join(tmp.dir, `codex-agent-${process.getuid!()}`)).isSymbolicLink()).toBe(true);
    expect(readdirSync(planted)).toEqual([]);
  });
});
