// Job ids: 8 lowercase hex characters. Anything else never reaches a file path.
import { createRequire } from 'node:module';
import { UsageError, shown } from '../errors.js';

let nodeCrypto: typeof import('node:crypto') | undefined;
/** node:crypto, loaded on first use: a command that only reads never pays for loading it. */
function randomBytes(size: number): Buffer {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return nodeCrypto.randomBytes(size);
}

export const ID_RE = /^[0-9a-f]{8}$/;
const PREFIX_RE = /^[0-9a-f]{4,8}$/;

export function newId(): string {
  return randomBytes(4).toString('hex');
}

export function isJobId(value: string): boolean {
  return ID_RE.test(value);
}

/** Checks a user-typed id or prefix; throws a usage error naming it (escaped, cut) otherwise. */
export function checkIdInput(value: string): string {
  if (!PREFIX_RE.test(value)) {
    const why = value === '' ? 'empty job id' : `invalid job id ${shown(value)}`;
    throw new UsageError(`${why}: expected 8 lowercase hex characters, or a unique prefix of 4 or more`);
  }
  return value;
}
