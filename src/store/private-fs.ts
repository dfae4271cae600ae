// Private, atomic file primitives: folders 0700, files 0600, writes by temp file + rename.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, basename, join } from 'node:path';

let nodeCrypto: typeof import('node:crypto') | undefined;
/** node:crypto, loaded on first use: a command that only reads never pays for loading it. */
function randomBytes(size: number): Buffer {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return nodeCrypto.randomBytes(size);
}

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  // mkdir honours the umask; make sure an existing or umask-widened folder is private.
  if ((statSync(path).mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', FILE_MODE);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
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

/** Appends one small line in a single write(2); O_APPEND keeps concurrent appenders whole. */
export function appendLine(path: string, line: string): void {
  const fd = openSync(path, 'a', FILE_MODE);
  try {
    writeSync(fd, Buffer.from(line.endsWith('\n') ? line : `${line}\n`));
  } finally {
    closeSync(fd);
  }
}
