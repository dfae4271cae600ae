import { describe, expect, it } from 'vitest';
import { pasteAllowanceMs } from '../../src/tmux/tui-input.js';

describe('pasteAllowanceMs', () => {
  it('gives a paste 5 s more per 256 KiB started, nothing for nothing', () => {
    expect(pasteAllowanceMs('')).toBe(0);
    expect(pasteAllowanceMs('short')).toBe(5_000);
    expect(pasteAllowanceMs('x'.repeat(256 * 1024))).toBe(5_000);
    expect(pasteAllowanceMs('x'.repeat(300 * 1024))).toBe(10_000);
    // Bytes, not characters: a megabyte of text in 4-byte characters.
    expect(pasteAllowanceMs('🚀'.repeat(256 * 1024))).toBe(20_000);
  });
});
