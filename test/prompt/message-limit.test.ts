import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { codex } from '../../src/providers/codex/provider.js';
import { assertFitsAgent } from '../../src/prompt/message-limit.js';

describe('assertFitsAgent', () => {
  it('takes a message of exactly the limit, counted in code points, and refuses one more', () => {
    expect(() => assertFitsAgent('a'.repeat(10), 10, 'the prompt', 'Codex')).not.toThrow();
    // Ten emoji are twenty UTF-16 units but ten characters.
    expect(() => assertFitsAgent('🚀'.repeat(10), 10, 'the prompt', 'Codex')).not.toThrow();
    const err = (() => {
      try {
        assertFitsAgent('🚀'.repeat(11), 10, 'the message', 'Codex');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe('the message is 11 characters; Codex takes at most 10 in one message (split the work, or attach less)');
  });

  it('has no limit when the agent states none', () => {
    expect(() => assertFitsAgent('x'.repeat(100), undefined, 'the prompt', 'Other')).not.toThrow();
  });

  it('knows Codex refuses input over 2^20 characters', () => {
    expect(codex.maxMessageChars).toBe(1_048_576);
  });
});
