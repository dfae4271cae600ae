// Private, atomic file primitives: folders 0700, files 0600, writes by temp file + rename.
// Write faults under a state root come out as StateRootError (./state-root.ts), and a write that
// fails leaves nothing behind: no temp file, no half line, no short file renamed into place.
import { chmodSync, closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, basename, join } from 'node:path';
import { asStateRootError, mapWriteErrors } from './state-root.js';

let nodeCrypto: typeof import('node:crypto') | undefined;
/** node:crypto, loaded on first use: a command that only reads never pays for loading it. */
function randomBytes(size: number): Buffer {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return nodeCrypto.randomBytes(size);
}

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

export function ensurePrivateDir(path: string): void {
  mapWriteErrors(path, () => {
    try {
      mkdirSync(path, { recursive: true, mode: DIR_MODE });
    } catch (err) {
      // Node's recursive mkdir says ENOENT where the parent exists but cannot take a folder
      // (read-only, full): a plain mkdir tells the real reason.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dirname(path))) throw err;
      mkdirSync(path, { mode: DIR_MODE });
    }
    // mkdir honours the umask; make sure an existing or umask-widened folder is private.
    if ((statSync(path).mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
  });
}

/** Writes all of `buf`: on a nearly full disk write(2) may take only part and say so without an error. */
export function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', FILE_MODE);
  } catch (err) {
    throw asStateRootError(err, path);
  }
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw asStateRootError(err, path);
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw asStateRootError(err, path);
  }
}

/** The file's text, or null when it does not exist. */
export function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Appends one line whole or not at all: O_APPEND keeps concurrent appenders whole, and a write
 * cut short (the disk filled) is taken back, so the next line never glues onto half of this one.
 */
export function appendLine(path: string, line: string): void {
  mapWriteErrors(path, () => {
    const fd = openSync(path, 'a', FILE_MODE);
    try {
      const size = fstatSync(fd).size;
      const buf = Buffer.from(line.endsWith('\n') ? line : `${line}\n`);
      let off = 0;
      try {
        while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      } catch (err) {
        try {
          // Only when nobody appended meanwhile: their lines stay.
          if (off > 0 && fstatSync(fd).size === size + off) ftruncateSync(fd, size);
        } catch {
          // Nothing more can be done: readers skip a line that is not whole.
        }
        throw err;
      }
    } finally {
      closeSync(fd);
    }
  });
}
