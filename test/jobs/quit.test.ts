import { describe, expect, it } from 'vitest';
import { isQuitMessage } from '../../src/jobs/quit.js';

describe('isQuitMessage (pure)', () => {
  it.each<[string, boolean]>([
    ['/quit', true],
    ['/exit', true],
    ['  /quit  ', true],
    ['/quit\n', true],
    ['\n\t/exit\r\n', true],
    ['/QUIT', false],
    ['/Exit', false],
    ['quit', false],
    ['exit', false],
    ['/quit now', false],
    ['/quitter', false],
    ['/exit()', false],
    ['please /quit', false],
    ['/quit\n/quit', false],
    ['//quit', false],
    ['/ quit', false],
    ['', false],
    ['/', false],
  ])('%j -> %s', (text, quit) => {
    expect(isQuitMessage(text)).toBe(quit);
  });
});
