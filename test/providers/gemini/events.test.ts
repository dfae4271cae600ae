// Gemini stream-json lines (recorded from Gemini CLI 0.61.0 against the suite's stand-in) into the
// neutral events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyGeminiError, errorReason, exitCodeEvents, geminiExecLine, geminiExecParser } from '../../../src/providers/gemini/events.js';
import type { AgentEvent } from '../../../src/providers/types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'gemini');

function run(name: string): AgentEvent[] {
  const parse = geminiExecParser();
  return readFileSync(join(FIXTURES, name), 'utf8').split('\n').filter(Boolean).flatMap((l) => parse(l));
}

const ends = (evs: AgentEvent[]) => evs.filter((e) => e.kind === 'turn_completed' || e.kind === 'turn_failed');

describe('recorded runs', () => {
  it('an answer: the session, the deltas adding up, tokens, the end with the whole answer', () => {
    const evs = run('say.jsonl');
    expect(evs[0]).toEqual({ kind: 'thread_started', threadId: '86367948-bf68-4a04-bb01-2b05f0aa5856' });
    expect(evs.filter((e) => e.kind === 'agent_message').map((e) => (e as { text: string }).text)).toEqual(['hello the', 'hello there friend']);
    // Gemini's result counts this run only: the flag makes the record add it up across follow-ups.
    expect(evs.find((e) => e.kind === 'tokens')).toEqual({ kind: 'tokens', total: { input: 263, cachedInput: 0, output: 27, reasoningOutput: 0 }, lastContext: null, contextWindow: null, perRun: true });
    expect(ends(evs)).toEqual([{ kind: 'turn_completed', turnId: null, message: 'hello there friend' }]);
  });

  it('a resumed session names the same session', () => {
    const evs = run('resume.jsonl');
    expect(evs[0]).toEqual({ kind: 'thread_started', threadId: '86367948-bf68-4a04-bb01-2b05f0aa5856' });
    expect(ends(evs)).toEqual([{ kind: 'turn_completed', turnId: null, message: 'second answer' }]);
    // The resumed run's result counts only itself (the record adds it to the first run's).
    expect(evs.find((e) => e.kind === 'tokens')).toMatchObject({ total: { input: 324, output: 26 }, perRun: true });
  });

  it('write_file: the file written, and the answer after the tool only', () => {
    const evs = run('write-file.jsonl');
    expect(evs.filter((e) => e.kind === 'file_change')).toEqual([{ kind: 'file_change', changes: [{ path: 'out/a.txt', kind: 'update' }] }]);
    expect(ends(evs)).toEqual([{ kind: 'turn_completed', turnId: null, message: 'Wrote out/a.txt.' }]);
  });

  it('a write refused in read-only mode is a warning, not a file', () => {
    const evs = run('write-read-only.jsonl');
    expect(evs.some((e) => e.kind === 'file_change')).toBe(false);
    expect(evs.find((e) => e.kind === 'warning')).toMatchObject({ message: expect.stringContaining('write_file b.txt: Tool "write_file" not found') });
    expect(ends(evs)[0]).toMatchObject({ kind: 'turn_completed' });
  });

  it('HTTP 401 and 500 fail the turn with the reason and its kind', () => {
    expect(ends(run('http-401.jsonl'))).toEqual([{ kind: 'turn_failed', turnId: null, error: 'Gemini API HTTP 401 UNAUTHENTICATED: Mock error 401.', errorKind: 'unauthorized' }]);
    expect(ends(run('http-500.jsonl'))).toEqual([{ kind: 'turn_failed', turnId: null, error: 'Gemini API HTTP 500 INTERNAL: Mock error 500.', errorKind: 'server_error' }]);
  });
});

describe('edge cases', () => {
  it('ignores what is not a known event', () => {
    expect(geminiExecLine('not json')).toEqual([]);
    expect(geminiExecLine('{"type":"something_new"}')).toEqual([]);
    expect(geminiExecLine('{"type":"message","role":"user","content":"hi"}')).toEqual([]);
    expect(geminiExecLine('{"type":"init"}')).toEqual([]);
  });

  it('a shell tool is a command with its output', () => {
    const parse = geminiExecParser();
    expect(parse('{"type":"tool_use","tool_name":"run_shell_command","tool_id":"run_shell_command__1","parameters":{"command":"ls"}}')).toEqual([{ kind: 'command_started', command: 'ls' }]);
    expect(parse('{"type":"tool_result","tool_id":"run_shell_command__1","status":"success","output":"a\\n"}')).toEqual([{ kind: 'command', command: 'ls', exitCode: 0, output: 'a\n' }]);
  });

  it('classifies errors: auth, rate limit, server, context', () => {
    expect(classifyGeminiError('[API Error: {"error":{"code":403,"status":"PERMISSION_DENIED"}}]')).toBe('unauthorized');
    expect(classifyGeminiError('[API Error: {"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}]')).toBe('other');
    expect(errorReason('[API Error: {"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED"}}]')).toBe('Gemini API HTTP 429 rate limit or quota: Quota exceeded.');
    expect(classifyGeminiError('[API Error: {"error":{"code":503,"status":"UNAVAILABLE"}}]')).toBe('server_error');
    expect(classifyGeminiError('The input token count exceeds the maximum number of tokens allowed')).toBe('context_window');
    expect(errorReason('[API Error: not json]')).toBe('Gemini API error: not json');
  });

  it('Gemini\'s own exit codes fail the turn with what they mean', () => {
    expect(exitCodeEvents(41)).toEqual([{ kind: 'turn_failed', turnId: null, error: expect.stringContaining('authentication failed (exit 41)'), errorKind: 'unauthorized' }]);
    expect(exitCodeEvents(55)[0]).toMatchObject({ error: 'Gemini: the folder is not trusted (exit 55)' });
    expect(exitCodeEvents(53)[0]).toMatchObject({ error: 'Gemini: turn limit reached (exit 53)' });
    expect(exitCodeEvents(42)[0]).toMatchObject({ error: 'Gemini: input error (exit 42)' });
    expect(exitCodeEvents(0)).toEqual([]);
    expect(exitCodeEvents(null)).toEqual([]);
  });
});
