// Codex behind the provider seam: the pure predicates it answers with, over real screens.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codex, endsInMention, notifiedThread, showsComposer, showsPendingSteer } from '../../../src/providers/codex/provider.js';

const screen = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/tui/${name}`, import.meta.url)), 'utf8');

describe('screen predicates', () => {
  it('the composer is up on a real screen, not on a start-up screen or a bare banner', () => {
    expect(showsComposer(screen('screen-working.txt'))).toBe(true);
    expect(showsComposer(screen('screen-space-cwd.txt'))).toBe(true);
    expect(showsComposer('  >_ OpenAI Codex (v0.169.0)\n     /tmp/w\n')).toBe(false);
    expect(showsComposer('  Meet GPT-6 Sol\n\n  › 1. Try new model\n')).toBe(false);
  });

  it.each<[string, string, string, boolean]>([
    ['a held message shows as "↳ <first line>"', '• Working (3s • esc to interrupt)\n  ↳ also cover the empty case\n› ', 'also cover the empty case', true],
    ['only its first non-blank line counts, cut at 40 characters', '  ↳ first line of a long message that goes on and on', '\nfirst line of a long message that goes on and on beyond forty\nsecond', true],
    ['another message held is not this one', '  ↳ something else', 'also cover the empty case', false],
    ['the text elsewhere on screen is not held', '› also cover the empty case', 'also cover the empty case', false],
    ['an empty message is never held', '  ↳ ', '   ', false],
  ])('%s', (_name, s, message, held) => {
    expect(showsPendingSteer(s, message)).toBe(held);
    expect(codex.screen.holdsMessage(s, message)).toBe(held);
  });
});

describe('keys', () => {
  it.each<[string, boolean]>([
    ['look at $plan', true],
    ['read @src/app.ts', true],
    ['@file', true],
    ['costs $5 total', false],
    ['mail me at a@b.c please', false],
    ['plain text', false],
  ])('"%s" ends in a mention: %s', (text, mention) => {
    expect(endsInMention(text)).toBe(mention);
    // A space closes the picker a mention opens, so Enter submits.
    expect(codex.keys.afterPaste(text)).toEqual(mention ? ['Space'] : []);
  });

  it('interrupts with Escape and quits with /quit', () => {
    expect(codex.keys.interrupt).toEqual(['Escape']);
    expect(codex.keys.quit).toBe('/quit');
  });
});

describe('notify payloads', () => {
  it.each<[string, string, string | null]>([
    ['a real payload', JSON.stringify({ type: 'agent-turn-complete', 'thread-id': '01a20c40-db1c-7b82-ab74-4b787968ea3d', 'turn-id': 't', 'input-messages': ['hi'] }), '01a20c40-db1c-7b82-ab74-4b787968ea3d'],
    ['no thread id', JSON.stringify({ type: 'agent-turn-complete' }), null],
    ['a thread id that is not a string', JSON.stringify({ 'thread-id': 42 }), null],
    ['garbage', 'not json {', null],
    ['empty', '', null],
  ])('%s', (_name, payload, thread) => {
    expect(notifiedThread(payload)).toBe(thread);
  });
});

describe('argv', () => {
  it('exec and interactive argv come from one function each, for the runner and for a dry run alike', () => {
    const spec = { sandbox: 'read-only' as const, cwd: '/tmp/w', model: null, reasoning: null };
    expect(codex.execArgs({ ...spec, threadId: null })).toEqual(['exec', '--json', '--skip-git-repo-check', '-s', 'read-only', '-C', '/tmp/w', '-']);
    expect(codex.execArgs({ ...spec, threadId: 't-1' })).toEqual(['exec', 'resume', 't-1', '--json', '--skip-git-repo-check', '-c', 'sandbox_mode="read-only"', '-']);
    const tui = codex.interactiveArgs({ ...spec, notify: ['n'], prompt: 'go', resume: 't-1' }, ['-c', 'x=1']);
    expect(tui.slice(0, 2)).toEqual(['resume', '--no-alt-screen']);
    expect(tui).toContain('x=1');
    expect(tui.slice(-3)).toEqual(['--', 't-1', 'go']);
  });
});
