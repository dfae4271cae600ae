// The interactive Gemini provider's pure parts: TUI argv, its screen, the session file and the
// hook log read into neutral events, the run's hooks in its private settings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { geminiRunEnv, runSettings, shellCommand } from '../../../src/providers/gemini/run-env.js';
import { findRunSession, geminiSessionParser, hookLineEvents, isRunHome } from '../../../src/providers/gemini/session.js';
import { showsComposer, stopRetryKeys, tuiArgs } from '../../../src/providers/gemini/tui.js';
import { notifiedSession } from '../../../src/providers/gemini/provider.js';

const tmp = mkdtempSync(join(tmpdir(), 'ca-gemini-tui-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const launch = { cwd: '/w', model: null, reasoning: null };

describe('TUI argv and screen', () => {
  it('the prompt by -i, trust for the run, the approval mode, a model, a resumed session', () => {
    expect(tuiArgs({ ...launch, sandbox: 'read-only', prompt: 'hi' })).toEqual(['-i', 'hi', '--skip-trust', '--approval-mode', 'default']);
    expect(tuiArgs({ ...launch, sandbox: 'workspace-write', model: 'gemini-2.5-pro', resume: 's-1' })).toEqual(['--skip-trust', '--approval-mode', 'auto_edit', '-m', 'gemini-2.5-pro', '-r', 's-1']);
  });

  it('sees the composer, and answers Stop to "Keep trying / Stop" only', () => {
    expect(showsComposer(' >   Type your message or @path/to/file\n')).toBe(true);
    expect(showsComposer(' ⠇ Thinking... (esc to cancel, 3s)')).toBe(false);
    expect(stopRetryKeys('│ We are currently experiencing high demand.\n│ ● 1. Keep trying\n│   2. Stop\n')).toEqual(['Down', 'Enter']);
    expect(stopRetryKeys('│ ● 1. Allow once\n│   2. Allow for this session\n')).toBeNull();
    expect(stopRetryKeys('Keep trying is what we do')).toBeNull();
  });
});

describe('session file and hook log', () => {
  const line = (o: object): string => JSON.stringify(o);
  it('user records start turns; context and history rewrites do not; a message rewritten with its tool calls counts its tokens once', () => {
    const parse = geminiSessionParser();
    expect(parse(line({ sessionId: 's', startTime: '2026-01-01T00:00:00Z', kind: 'main' }))).toEqual([]);
    expect(parse(line({ $set: { lastUpdated: 'x' } }))).toEqual([]);
    expect(parse(line({ id: 'c', type: 'user', content: [{ text: '<session_context>\nctx' }] }))).toEqual([]);
    expect(parse(line({ id: 'u1', type: 'user', content: [{ text: 'WRITE a.txt x' }] }))).toEqual([{ kind: 'user_message' }, { kind: 'turn_started', turnId: null, contextWindow: null }]);
    const tokens = { input: 100, output: 10, cached: 5, thoughts: 2, tool: 0, total: 110 };
    expect(parse(line({ id: 'g1', type: 'gemini', content: '', tokens }))).toEqual([
      { kind: 'tokens', total: { input: 100, cachedInput: 5, output: 10, reasoningOutput: 2 }, lastContext: 100, contextWindow: null },
    ]);
    const call = { id: 'write_file__1', name: 'write_file', args: { file_path: 'a.txt', content: 'x' }, status: 'success' };
    expect(parse(line({ id: 'g1', type: 'gemini', content: '', tokens, toolCalls: [call] }))).toEqual([{ kind: 'file_change', changes: [{ path: 'a.txt', kind: 'update' }] }]);
    expect(parse(line({ id: 'g2', type: 'gemini', content: 'Wrote a.txt.', tokens }))).toEqual([
      { kind: 'tokens', total: { input: 200, cachedInput: 10, output: 20, reasoningOutput: 4 }, lastContext: 100, contextWindow: null },
      { kind: 'agent_message', text: 'Wrote a.txt.' },
    ]);
    // A rewritten copy (parts, no tokens) is not a new answer.
    expect(parse(line({ id: 'g3', type: 'gemini', content: [{ text: 'hello' }], tokens: null }))).toEqual([]);
  });

  it('an error record fails the turn with the reason; a cancel aborts it', () => {
    const parse = geminiSessionParser();
    expect(parse(line({ id: 'e', type: 'error', content: '[API Error: {"error":{"code":401,"message":"Mock error 401.","status":"UNAUTHENTICATED"}}]' }))).toEqual([
      { kind: 'turn_failed', turnId: null, error: 'Gemini API HTTP 401 UNAUTHENTICATED: Mock error 401.', errorKind: 'unauthorized' },
    ]);
    expect(parse(line({ id: 'i', type: 'info', content: 'Request cancelled.' }))).toEqual([{ kind: 'turn_aborted', turnId: null, reason: 'interrupted' }]);
    expect(parse(line({ id: 'i2', type: 'info', content: 'This request failed.' }))).toEqual([]);
    expect(parse('garbage {')).toEqual([]);
  });

  it('hooks: AfterAgent ends the turn, a ToolPermission notification is a waiting approval; other sessions are not ours', () => {
    expect(hookLineEvents(JSON.stringify({ session_id: 's', hook_event_name: 'AfterAgent', prompt_response: 'x' }), 's')).toEqual([{ kind: 'turn_completed', turnId: null, message: null }]);
    expect(hookLineEvents(JSON.stringify({ session_id: 's', hook_event_name: 'Notification', notification_type: 'ToolPermission' }), 's')).toEqual([{ kind: 'approval_pending' }]);
    expect(hookLineEvents(JSON.stringify({ session_id: 'other', hook_event_name: 'AfterAgent' }), 's')).toEqual([]);
    expect(hookLineEvents('{', 's')).toEqual([]);
    expect(notifiedSession('{"session_id":"s"}')).toBe('s');
    expect(notifiedSession('nope')).toBeNull();
  });

  it("finds the run's session: started since launch, holding the prompt, not another job's", () => {
    const home = join(tmp, 'job', 'gemini-home', '.gemini');
    const chats = join(home, 'tmp', 'work', 'chats');
    mkdirSync(chats, { recursive: true });
    const header = (id: string, at: string): string => `${JSON.stringify({ sessionId: id, startTime: at, kind: 'main' })}\n`;
    writeFileSync(join(chats, 'session-2026-01-01T00-00-old00000.jsonl'), header('old00000-0', '2026-01-01T00:00:00Z') + JSON.stringify({ id: 'u', type: 'user', content: [{ text: 'the prompt' }] }));
    writeFileSync(join(chats, 'session-2026-01-02T00-00-other000.jsonl'), header('other000-0', '2026-01-02T00:00:00Z') + JSON.stringify({ id: 'u', type: 'user', content: [{ text: 'another prompt' }] }));
    writeFileSync(join(chats, 'session-2026-01-02T00-01-mine0000.jsonl'), header('mine0000-0', '2026-01-02T00:01:00Z') + JSON.stringify({ id: 'u', type: 'user', content: [{ text: 'the prompt' }] }));
    const since = Date.parse('2026-01-01T12:00:00Z');
    expect(findRunSession(home, { sinceMs: since, prompt: 'the prompt', taken: new Set(), resume: null })).toEqual({ threadId: 'mine0000-0', path: join(chats, 'session-2026-01-02T00-01-mine0000.jsonl') });
    expect(findRunSession(home, { sinceMs: since, prompt: 'the prompt', taken: new Set(['mine0000-0']), resume: null })).toBeNull();
    expect(findRunSession(home, { sinceMs: 0, prompt: null, taken: new Set(), resume: 'old00000-0' })?.threadId).toBe('old00000-0');
    expect(isRunHome(home)).toBe(true);
    expect(isRunHome('/home/u/.gemini')).toBe(false);
  });
});

describe("the run's hooks", () => {
  it("an interactive run's settings add its hooks after the user's own, and ask before retrying without end", () => {
    const hook = ['/usr/bin/node', "/opt/it's/cli.js", '__hook', 'abcd1234'];
    const user = { hooks: { AfterAgent: [{ hooks: [{ type: 'command', command: 'mine' }] }] }, security: { auth: { selectedType: 'gemini-api-key' } } };
    const s = runSettings(JSON.stringify(user), hook) as { hooks: Record<string, unknown[]>; ui: object; general: object };
    const ours = { hooks: [{ type: 'command', command: shellCommand(hook), name: 'codex-agent' }] };
    expect(s.hooks.AfterAgent).toEqual([user.hooks.AfterAgent[0], ours]);
    expect(s.hooks.Notification).toEqual([ours]);
    expect(s.ui).toEqual({ errorVerbosity: 'full' });
    expect(shellCommand(hook)).toBe(`'/usr/bin/node' '/opt/it'\\''s/cli.js' '__hook' 'abcd1234'`);
    // Exec runs get no hooks.
    expect(runSettings(JSON.stringify(user))).not.toHaveProperty('ui');
  });

  it('refuses a settings file it cannot add hooks to (not plain JSON), for interactive runs only', () => {
    const home = join(tmp, 'commented');
    mkdirSync(join(home, '.gemini'), { recursive: true });
    writeFileSync(join(home, '.gemini', 'settings.json'), '// a comment\n{}');
    expect(() => geminiRunEnv(join(tmp, 'job3'), { HOME: home }, ['node', 'cli', '__hook', 'abcd1234'])).toThrow(/is not plain JSON: an interactive Gemini run cannot add its hooks to it/);
    geminiRunEnv(join(tmp, 'job4'), { HOME: home });
    expect(readFileSync(join(tmp, 'job4', 'gemini-home', '.gemini', 'settings.json'), 'utf8')).toBe('// a comment\n{}');
  });
});
