import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRolloutLine, type RolloutEvent } from '../../../src/providers/codex/rollout.js';

// Rollout files written by codex 0.169 against src/mock/server.ts (exec runs and one TUI session).
function lines(name: string): string[] {
  return readFileSync(new URL(`../../fixtures/rollout/${name}.jsonl`, import.meta.url), 'utf8').split('\n').filter((l) => l !== '');
}
const parsed = (name: string): RolloutEvent[] => lines(name).map((l) => parseRolloutLine(l)!);
// The events a supervisor acts on; token counts are checked separately below.
const story = (name: string) => parsed(name).filter((e) => e.kind !== 'other' && e.kind !== 'token_count');

const CTX_MSG = "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";
const execMeta = (threadId: string): RolloutEvent => ({ kind: 'session_meta', threadId, cwd: '/tmp/rec/w2', originator: 'codex_exec', source: 'exec' });
const started = (turnId: string): RolloutEvent => ({ kind: 'task_started', turnId, contextWindow: 258400 });

describe('parseRolloutLine over recorded rollouts', () => {
  const cases: [string, RolloutEvent[]][] = [
    [
      'exec-write',
      [
        execMeta('01a20c40-db1c-7b82-ab74-4b787968ea3d'),
        started('01a20c40-db2a-7971-a9ea-f75cf76c4bb0'),
        { kind: 'user_message', text: 'MOCK:WRITE notes/hello.txt Hello from the mock model' },
        { kind: 'file_change', changes: [{ path: '/tmp/rec/w2/notes/hello.txt', kind: 'add' }] },
        { kind: 'agent_message', text: 'Wrote notes/hello.txt.' },
        { kind: 'task_complete', turnId: '01a20c40-db2a-7971-a9ea-f75cf76c4bb0', lastAgentMessage: 'Wrote notes/hello.txt.', durationMs: 152, error: null },
      ],
    ],
    [
      'exec-run',
      [
        execMeta('01a20c40-dc53-74f0-a9ee-a428d26f2e1f'),
        started('01a20c40-dc62-7232-8019-745d9403626f'),
        { kind: 'user_message', text: 'MOCK:RUN echo hi-from-run; ls notes' },
        // cwd is recorded as file:///tmp/rec/w2 and comes back as a plain path.
        { kind: 'command', command: ['/bin/bash', '-lc', 'echo hi-from-run; ls notes'], cwd: '/tmp/rec/w2', exitCode: 0, output: 'hi-from-run\nhello.txt\n' },
        { kind: 'agent_message', text: 'Ran: echo hi-from-run; ls notes\nhi-from-run' },
        {
          kind: 'task_complete',
          turnId: '01a20c40-dc62-7232-8019-745d9403626f',
          lastAgentMessage: 'Ran: echo hi-from-run; ls notes\nhi-from-run',
          durationMs: 126,
          error: null,
        },
      ],
    ],
    [
      'exec-patch',
      [
        execMeta('01a20c41-a9af-7622-b6b3-810395aebf2a'),
        started('01a20c41-a9bd-7451-a536-b523f7b71663'),
        expect.objectContaining({ kind: 'user_message' }),
        {
          kind: 'file_change',
          changes: [
            { path: '/tmp/rec/w2/notes/old.txt', kind: 'delete' },
            { path: '/tmp/rec/w2/notes/hello.txt', kind: 'update' },
          ],
        },
        expect.objectContaining({ kind: 'agent_message' }),
        expect.objectContaining({ kind: 'task_complete', turnId: '01a20c41-a9bd-7451-a536-b523f7b71663', durationMs: 137, error: null }),
      ],
    ],
    [
      // An exec thread resumed with `codex exec resume <id> -`: the new turn is appended to the same file.
      'exec-say-resumed',
      [
        execMeta('01a20c40-dd6e-7620-8d26-af85fb04c439'),
        started('01a20c40-dd7a-7a92-9896-4ce1b5b8e1dc'),
        { kind: 'user_message', text: 'MOCK:SAY All done here.' },
        { kind: 'agent_message', text: 'All done here.' },
        { kind: 'task_complete', turnId: '01a20c40-dd7a-7a92-9896-4ce1b5b8e1dc', lastAgentMessage: 'All done here.', durationMs: 37, error: null },
        started('01a20c40-de95-7011-a6f1-623e2e9ee304'),
        { kind: 'user_message', text: 'MOCK:SAY Resumed and still here.' },
        { kind: 'agent_message', text: 'Resumed and still here.' },
        { kind: 'task_complete', turnId: '01a20c40-de95-7011-a6f1-623e2e9ee304', lastAgentMessage: 'Resumed and still here.', durationMs: 29, error: null },
      ],
    ],
    [
      'exec-fail-401',
      [
        execMeta('01a20c40-ecc7-7251-be6d-e0a75606dc3c'),
        started('01a20c40-ecdc-7b61-924f-f706f0b998eb'),
        { kind: 'user_message', text: 'MOCK:FAIL 401' },
        {
          kind: 'task_complete',
          turnId: '01a20c40-ecdc-7b61-924f-f706f0b998eb',
          lastAgentMessage: null,
          durationMs: 6097,
          error: {
            code: 'http_connection_failed',
            httpStatus: 401,
            message: 'unexpected status 401 Unauthorized: Incorrect API key provided., url: http://127.0.0.1:38021/v1/responses',
          },
        },
      ],
    ],
    [
      'exec-fail-500',
      [
        execMeta('01a20c40-ecc4-7752-850c-89dcfb76c971'),
        started('01a20c40-ece4-7e73-8336-840fced7a260'),
        { kind: 'user_message', text: 'MOCK:FAIL 500' },
        {
          kind: 'task_complete',
          turnId: '01a20c40-ece4-7e73-8336-840fced7a260',
          lastAgentMessage: null,
          durationMs: 24192,
          error: { code: 'internal_server_error', message: 'We’re currently experiencing high demand, which may cause temporary errors.' },
        },
      ],
    ],
    [
      'exec-cut',
      [
        execMeta('01a20c41-052b-7693-ae96-3cb6c1b32ed3'),
        started('01a20c41-0538-7f60-8b62-2d92b5b37414'),
        { kind: 'user_message', text: 'MOCK:CUT' },
        {
          kind: 'task_complete',
          turnId: '01a20c41-0538-7f60-8b62-2d92b5b37414',
          lastAgentMessage: null,
          durationMs: 6316,
          error: { code: 'other', message: 'stream disconnected before completion: Transport error: network error: error decoding response body' },
        },
      ],
    ],
    [
      'exec-context',
      [
        execMeta('01a20c41-1e67-7842-883e-7ade42e329b5'),
        started('01a20c41-1e75-7433-b993-e34477674aac'),
        { kind: 'user_message', text: 'MOCK:CONTEXT' },
        {
          kind: 'task_complete',
          turnId: '01a20c41-1e75-7433-b993-e34477674aac',
          lastAgentMessage: null,
          durationMs: 38,
          error: { code: 'context_window_exceeded', message: CTX_MSG },
        },
      ],
    ],
    [
      // TUI: answer, Escape during a slow turn, a context-window failure, then a command turn after auto-compaction.
      'tui-session',
      [
        { kind: 'session_meta', threadId: '01a20c41-c2e2-78c0-ae0f-b4a4aab724b0', cwd: '/tmp/rec/w3', originator: 'codex-tui', source: 'cli' },
        started('01a20c41-c305-7b02-b8a3-0ebf9ea8aba2'),
        { kind: 'user_message', text: 'MOCK:SAY hi' },
        { kind: 'agent_message', text: 'hi' },
        { kind: 'task_complete', turnId: '01a20c41-c305-7b02-b8a3-0ebf9ea8aba2', lastAgentMessage: 'hi', durationMs: 74, error: null },
        started('01a20c41-dfad-7913-bbbc-84e8539f24e9'),
        { kind: 'user_message', text: 'MOCK:SLEEP 5000 MOCK:SAY too late' },
        { kind: 'turn_aborted', turnId: '01a20c41-dfad-7913-bbbc-84e8539f24e9', reason: 'interrupted' },
        started('01a20c41-ed68-7f01-b10b-a3be20f92189'),
        { kind: 'user_message', text: 'MOCK:CONTEXT' },
        {
          kind: 'task_complete',
          turnId: '01a20c41-ed68-7f01-b10b-a3be20f92189',
          lastAgentMessage: null,
          durationMs: 31,
          error: { code: 'context_window_exceeded', message: CTX_MSG },
        },
        started('01a20c41-f734-7400-a821-8a30f65c4bc5'),
        { kind: 'user_message', text: 'MOCK:RUN echo tui-run' },
        { kind: 'command', command: ['/bin/bash', '-lc', 'echo tui-run'], cwd: '/tmp/rec/w3', exitCode: 0, output: 'tui-run\n' },
        { kind: 'agent_message', text: 'Ran: echo tui-run\ntui-run' },
        { kind: 'task_complete', turnId: '01a20c41-f734-7400-a821-8a30f65c4bc5', lastAgentMessage: 'Ran: echo tui-run\ntui-run', durationMs: 213, error: null },
      ],
    ],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(story(name)).toEqual(expected);
  });

  it('parses every fixture line (none is dropped as unreadable)', () => {
    for (const [name] of cases) for (const l of lines(name)) expect(parseRolloutLine(l), `${name}: ${l.slice(0, 80)}`).not.toBeNull();
  });
});

describe('token_count records', () => {
  it('reads total and last usage of the second request of a turn', () => {
    const counts = parsed('exec-write').filter((e) => e.kind === 'token_count');
    expect(counts.at(-1)).toEqual({
      kind: 'token_count',
      total: { input: 19463, cachedInput: 9731, output: 126, reasoningOutput: 16, total: 19589 },
      last: { input: 9798, cachedInput: 4899, output: 50, reasoningOutput: 8, total: 9848 },
      contextWindow: 258400,
    });
  });

  it('maps info:null (no usage yet) to nulls', () => {
    const counts = parsed('exec-cut').filter((e) => e.kind === 'token_count');
    expect(counts).toHaveLength(6);
    for (const c of counts) expect(c).toEqual({ kind: 'token_count', total: null, last: null, contextWindow: null });
  });

  it('shows the window marked full after a context-window failure', () => {
    const counts = parsed('exec-context').filter((e) => e.kind === 'token_count');
    expect(counts.at(-1)).toMatchObject({ total: { input: 0, total: 258400 }, contextWindow: 258400 });
  });

  it('follows usage across turns of a resumed thread', () => {
    const totals = parsed('exec-say-resumed').flatMap((e) => (e.kind === 'token_count' && e.total ? [e.total.input] : []));
    expect(totals).toEqual([9658, 19397]);
  });
});

describe('other records and bad input', () => {
  it('names records it does not model', () => {
    const others = parsed('tui-session').flatMap((e) => (e.kind === 'other' ? [e.type] : []));
    expect(new Set(others)).toEqual(
      new Set([
        'response_item:message',
        'world_state',
        'turn_context',
        'thread_settings_applied',
        'token_usage_record',
        'compacted',
        'item_completed:ContextCompaction',
        'response_item:function_call',
        'response_item:function_call_output',
      ]),
    );
  });

  it.each(['', '   ', 'not json', '{"type":"event_msg"', '[]', '{"payload":{}}'])('returns null for %j', (line) => {
    expect(parseRolloutLine(line)).toBeNull();
  });

  it.each<[string, RolloutEvent]>([
    ['{"type":"event_msg","payload":{"type":"task_started"}}', { kind: 'other', type: 'task_started' }],
    ['{"type":"event_msg","payload":{"type":"turn_aborted","reason":"replaced"}}', { kind: 'turn_aborted', turnId: null, reason: 'replaced' }],
    ['{"type":"session_meta","payload":{"id":"t","cwd":"/w","originator":"x","source":{"subagent":"review"}}}', { kind: 'session_meta', threadId: 't', cwd: '/w', originator: 'x', source: '{"subagent":"review"}' }],
    ['{"type":"event_msg","payload":{"type":"item_completed","item":{"type":"FileChange","changes":{"/a":{"type":"rename"}}}}}', { kind: 'other', type: 'item_completed:FileChange' }],
    [
      '{"type":"event_msg","payload":{"type":"task_complete","turn_id":"u","last_agent_message":null,"error":{"message":"boom","codex_error_info":{"response_stream_disconnected":{"http_status_code":null}}}}}',
      { kind: 'task_complete', turnId: 'u', lastAgentMessage: null, durationMs: null, error: { code: 'response_stream_disconnected', message: 'boom' } },
    ],
  ])('maps %s', (line, expected) => {
    expect(parseRolloutLine(line)).toEqual(expected);
  });
});
