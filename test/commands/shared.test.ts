// emit: one payload, two renderings; JSON indented for a person at a terminal and on one line for
// anything else (Claude's Bash tool, a pipe), with the same data either way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emit, forPeople, jsonText } from '../../src/commands/shared.js';

const isTTY = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');

function onTerminal(tty: boolean): void {
  Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true, writable: true });
}

function printed(run: () => void): string {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

afterEach(() => {
  if (isTTY) Object.defineProperty(process.stdout, 'isTTY', isTTY);
  else delete (process.stdout as { isTTY?: boolean }).isTTY;
});

const payload = { id: 'abcd1234', tokens: { input: 10, output: 2 }, files_modified: ['a b.ts', 'ü.ts'], summary: 'line one\nline "two"', error: null };

describe('emit', () => {
  it('prints one line of JSON when stdout is not a terminal, indented JSON on one, the same data', () => {
    onTerminal(false);
    expect(forPeople()).toBe(false);
    const piped = printed(() => emit(true, payload, () => 'text'));
    expect(piped).toBe(`${JSON.stringify(payload)}\n`);
    expect(piped.split('\n')).toHaveLength(2);

    onTerminal(true);
    expect(forPeople()).toBe(true);
    const tty = printed(() => emit(true, payload, () => 'text'));
    expect(tty).toBe(`${JSON.stringify(payload, null, 2)}\n`);
    expect(tty.split('\n').length).toBeGreaterThan(5);
    expect(JSON.parse(tty)).toEqual(JSON.parse(piped));
    expect(jsonText(payload)).toBe(tty.trimEnd());
  });

  it('renders text the same either way, ends it with one newline, and prints nothing for ""', () => {
    for (const tty of [false, true]) {
      onTerminal(tty);
      expect(printed(() => emit(false, payload, (p) => `job ${p.id}`))).toBe('job abcd1234\n');
      expect(printed(() => emit(undefined, payload, () => 'two\n'))).toBe('two\n');
      expect(printed(() => emit(false, payload, () => ''))).toBe('');
    }
  });

  it('counts a stdout with no isTTY at all (a pipe) as not a terminal', () => {
    delete (process.stdout as { isTTY?: boolean }).isTTY;
    expect(forPeople()).toBe(false);
  });
});
