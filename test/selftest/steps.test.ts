// The selftest's Gemini round when no Gemini CLI is found: skipped, saying why, never failing.
import { describe, expect, it } from 'vitest';
import { STEPS, StepSkipped } from '../../src/selftest/steps.js';

describe('selftest steps', () => {
  const gemini = STEPS.find((s) => s.name.startsWith('gemini:'))!;

  it('the Gemini round comes last, after every Codex step', () => {
    expect(STEPS.at(-1)).toBe(gemini);
  });

  it('without a Gemini CLI the round is skipped with the reason, before it runs anything', async () => {
    const why = 'the Gemini CLI was not found';
    const run = gemini.run({ t: { env: {}, stateRoot: '/nonexistent', workDir: '/nonexistent', geminiSkip: why } });
    await expect(run).rejects.toBeInstanceOf(StepSkipped);
    await expect(gemini.run({ t: { env: {}, stateRoot: '/nonexistent', workDir: '/nonexistent', geminiSkip: why } })).rejects.toThrow(why);
  });
});
