// Job ids: what a user types is checked before it can name a path, and echoed safely when refused.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkIdInput, isJobId, newId } from '../../src/store/ids.js';

describe('checkIdInput', () => {
  it('takes full ids and prefixes of 4 to 8 lowercase hex characters', () => {
    for (const ok of ['abcd', 'abcd1', 'abcd1234', '0000', newId()]) expect(checkIdInput(ok)).toBe(ok);
  });

  const hostile: [string, string][] = [
    ['', 'empty job id'],
    ['/', 'invalid job id "/"'],
    ['..', 'invalid job id ".."'],
    ['../../etc/passwd', 'invalid job id "../../etc/passwd"'],
    ['abcd/..', 'invalid job id "abcd/.."'],
    ['abcd1234/', 'invalid job id "abcd1234/"'],
    ['ABCD1234', 'invalid job id "ABCD1234"'],
    ['abcd12345', 'invalid job id "abcd12345"'],
    ['abc', 'invalid job id "abc"'],
    [' abcd', 'invalid job id " abcd"'],
    ['abcd\n', 'invalid job id "abcd\\n"'],
    ['\x1b[31mabcd', 'invalid job id "\\x1b[31mabcd"'],
    ['ab\u0000cd', 'invalid job id "ab\\x00cd"'],
    ['a'.repeat(10_240), `invalid job id "${'a'.repeat(40)}…"`],
  ];
  it.each(hostile)('refuses %j with one clean line', (value, head) => {
    let err: unknown;
    try {
      checkIdInput(value);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as UsageError).message;
    expect(message).toBe(`${head}: expected 8 lowercase hex characters, or a unique prefix of 4 or more`);
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('isJobId takes full ids only', () => {
    expect(isJobId('abcd1234')).toBe(true);
    for (const no of ['abcd', 'abcd12345', '../abcd12', 'ABCD1234', '']) expect(isJobId(no)).toBe(false);
  });
});
