// Write faults become one StateRootError, naming the state root, only for files under a state root.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, StateRootError } from '../../src/errors.js';
import { asStateRootError, isStateRootCode, mapWriteErrors, registerStateRoot } from '../../src/store/state-root.js';

function errno(code: string, path?: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: something, open '${path}'`) as NodeJS.ErrnoException;
  e.code = code;
  if (path !== undefined) e.path = path;
  return e;
}

describe('asStateRootError', () => {
  registerStateRoot('/srv/state-a');
  registerStateRoot('/srv/state-a/nested-root');

  it.each([
    ['ENOSPC', 'full'],
    ['EDQUOT', 'full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'not writable'],
  ])('%s under a state root: "the state root <path> is %s (%s)", exit 8', (code, what) => {
    const mapped = asStateRootError(errno(code, '/srv/state-a/jobs/abcd1234/.record.json.1.tmp'));
    expect(mapped).toBeInstanceOf(StateRootError);
    expect((mapped as StateRootError).message).toBe(`the state root /srv/state-a is ${what} (${code})`);
    expect((mapped as StateRootError).exitCode).toBe(EXIT.stateRoot);
    expect((mapped as StateRootError).code).toBe(code);
  });

  it('names the deepest root that holds the path, and takes a path given for the error', () => {
    expect((asStateRootError(errno('EROFS', '/srv/state-a/nested-root/jobs/x')) as StateRootError).home).toBe('/srv/state-a/nested-root');
    expect((asStateRootError(errno('EROFS'), join('/srv/state-a', 'index', '.lock')) as StateRootError).home).toBe('/srv/state-a');
  });

  it('leaves other errors, and write faults outside any state root, as they were', () => {
    const enoent = errno('ENOENT', '/srv/state-a/jobs/x');
    expect(asStateRootError(enoent)).toBe(enoent);
    const outside = errno('ENOSPC', '/srv/state-ab/jobs/x');
    expect(asStateRootError(outside)).toBe(outside);
    const plain = new Error('boom');
    expect(asStateRootError(plain)).toBe(plain);
    expect(isStateRootCode('EROFS')).toBe(true);
    expect(isStateRootCode('toString')).toBe(false);
  });

  it('mapWriteErrors rethrows mapped, and a StateRootError says what it stopped', () => {
    expect(() =>
      mapWriteErrors('/srv/state-a/jobs', () => {
        throw errno('ENOSPC');
      }),
    ).toThrow(StateRootError);
    const e = new StateRootError('/srv/state-a', 'ENOSPC').saying('nothing was started');
    expect(e.message).toBe('the state root /srv/state-a is full (ENOSPC): nothing was started');
    expect(e.exitCode).toBe(8);
  });
});
