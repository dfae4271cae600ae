import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyModelError, parseExecLine, type ExecEvent } from '../../../src/providers/codex/exec-events.js';

// Lines recorded from codex 0.169 exec --json against src/mock/server.ts.
function fixture(name: string): ExecEvent[] {
  const text = readFileSync(new URL(`../../fixtures/exec/${name}.jsonl`, import.meta.url), 'utf8');
  return text.split('\n').flatMap((l) => {
    const e = parseExecLine(l);
    return e ? [e] : [];
  });
}

const MSG_401 = 'unexpected status 401 Unauthorized: Incorrect API key provided., url: http://127.0.0.1:38021/v1/responses';
const MSG_500 = 'We’re currently experiencing high demand, which may cause temporary errors.';
const MSG_CUT = 'stream disconnected before completion: Transport error: network error: error decoding response body';
const MSG_CTX = "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";

const retries = (msg: string): ExecEvent[] => [
  ...[1, 2, 3, 4, 5].map((n): ExecEvent => ({ kind: 'warning', message: `Reconnecting... ${n}/5 (${msg})` })),
  { kind: 'warning', message: msg },
];

describe('parseExecLine over recorded exec runs', () => {
  const cases: [string, ExecEvent[]][] = [
    [
      'write',
      [
        { kind: 'thread_started', threadId: '01a20c40-db1c-7b82-ab74-4b787968ea3d' },
        { kind: 'turn_started' },
        { kind: 'item_started', itemType: 'file_change' },
        { kind: 'file_change', changes: [{ path: '/tmp/rec/w2/notes/hello.txt', kind: 'add' }] },
        { kind: 'agent_message', text: 'Wrote notes/hello.txt.' },
        { kind: 'turn_completed', usage: { input: 19463, cachedInput: 9731, output: 126, reasoningOutput: 16 } },
      ],
    ],
    [
      'run',
      [
        { kind: 'thread_started', threadId: '01a20c40-dc53-74f0-a9ee-a428d26f2e1f' },
        { kind: 'turn_started' },
        { kind: 'item_started', itemType: 'command_execution', command: "/bin/bash -lc 'echo hi-from-run; ls notes'" },
        {
          kind: 'command',
          command: "/bin/bash -lc 'echo hi-from-run; ls notes'",
          exitCode: 0,
          output: 'hi-from-run\nhello.txt\n',
          status: 'completed',
        },
        { kind: 'agent_message', text: 'Ran: echo hi-from-run; ls notes\nhi-from-run' },
        { kind: 'turn_completed', usage: { input: 19428, cachedInput: 9713, output: 108, reasoningOutput: 16 } },
      ],
    ],
    [
      'say',
      [
        { kind: 'thread_started', threadId: '01a20c40-dd6e-7620-8d26-af85fb04c439' },
        { kind: 'turn_started' },
        { kind: 'agent_message', text: 'All done here.' },
        { kind: 'turn_completed', usage: { input: 9658, cachedInput: 4829, output: 48, reasoningOutput: 8 } },
      ],
    ],
    [
      // Same thread as 'say'; exec reports the thread's running total, not the turn's own usage.
      'resume',
      [
        { kind: 'thread_started', threadId: '01a20c40-dd6e-7620-8d26-af85fb04c439' },
        { kind: 'turn_started' },
        { kind: 'agent_message', text: 'Resumed and still here.' },
        { kind: 'turn_completed', usage: { input: 19397, cachedInput: 9698, output: 99, reasoningOutput: 16 } },
      ],
    ],
    [
      'patch',
      [
        { kind: 'thread_started', threadId: '01a20c41-a9af-7622-b6b3-810395aebf2a' },
        { kind: 'turn_started' },
        { kind: 'item_started', itemType: 'file_change' },
        {
          kind: 'file_change',
          changes: [
            { path: '/tmp/rec/w2/notes/hello.txt', kind: 'update' },
            { path: '/tmp/rec/w2/notes/old.txt', kind: 'delete' },
          ],
        },
        {
          kind: 'agent_message',
          text: "Ran: apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: notes/hello.txt\n@@\n-Hello from the mock model\n+Hello again from the mock model\n*** Delete File: notes/old.txt\n*** End Patch\nEOF\nExit code: 0",
        },
        { kind: 'turn_completed', usage: { input: 19559, cachedInput: 9779, output: 192, reasoningOutput: 16 } },
      ],
    ],
    [
      'fail-401',
      [
        { kind: 'thread_started', threadId: '01a20c40-ecc7-7251-be6d-e0a75606dc3c' },
        { kind: 'turn_started' },
        ...retries(MSG_401),
        { kind: 'turn_failed', message: MSG_401 },
      ],
    ],
    [
      'fail-500',
      [
        { kind: 'thread_started', threadId: '01a20c40-ecc4-7752-850c-89dcfb76c971' },
        { kind: 'turn_started' },
        ...retries(MSG_500),
        { kind: 'turn_failed', message: MSG_500 },
      ],
    ],
    [
      'cut',
      [
        { kind: 'thread_started', threadId: '01a20c41-052b-7693-ae96-3cb6c1b32ed3' },
        { kind: 'turn_started' },
        ...retries(MSG_CUT),
        { kind: 'turn_failed', message: MSG_CUT },
      ],
    ],
    [
      'context',
      [
        { kind: 'thread_started', threadId: '01a20c41-1e67-7842-883e-7ade42e329b5' },
        { kind: 'turn_started' },
        { kind: 'warning', message: MSG_CTX },
        { kind: 'turn_failed', message: MSG_CTX },
      ],
    ],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(fixture(name)).toEqual(expected);
  });
});

describe('parseExecLine edge cases', () => {
  it.each([
    ['blank', ''],
    ['whitespace', '   '],
    ['plain text', 'Reading additional input from stdin...'],
    ['broken json', '{"type":"turn.started"'],
    ['json array', '[1,2]'],
    ['json without type', '{"thread_id":"x"}'],
  ])('returns null for %s', (_label, line) => {
    expect(parseExecLine(line)).toBeNull();
  });

  it.each<[string, ExecEvent]>([
    ['{"type":"turn.future","x":1}', { kind: 'unknown', type: 'turn.future' }],
    ['{"type":"thread.started"}', { kind: 'unknown', type: 'thread.started' }],
    ['{"type":"turn.failed","error":"nope"}', { kind: 'unknown', type: 'turn.failed' }],
    ['{"type":"item.completed","item":{"type":"reasoning","text":"hm"}}', { kind: 'unknown', type: 'item.completed:reasoning' }],
    ['{"type":"item.completed","item":{"type":"file_change","changes":[{"path":"a","kind":"rename"}]}}', { kind: 'unknown', type: 'item.completed:file_change' }],
    ['{"type":"item.updated","item":{"type":"todo_list"}}', { kind: 'unknown', type: 'item.updated' }],
    ['{"type":"item.completed","item":{"id":"item_0","type":"error","message":"Model metadata not found"}}', { kind: 'warning', message: 'Model metadata not found' }],
    ['{"type":"item.started","item":{"type":"agent_message","text":""}}', { kind: 'item_started', itemType: 'agent_message' }],
  ])('maps %s', (line, expected) => {
    expect(parseExecLine(line)).toEqual(expected);
  });

  it('keeps a null exit code of a command that did not finish', () => {
    const line = '{"type":"item.completed","item":{"type":"command_execution","command":"sleep 9","aggregated_output":"","exit_code":null,"status":"declined"}}';
    expect(parseExecLine(line)).toEqual({ kind: 'command', command: 'sleep 9', exitCode: null, output: '', status: 'declined' });
  });
});

describe('classifyModelError', () => {
  // Messages as codex 0.169 printed them against the mock (fixtures and the 4xx/503 runs).
  it.each([
    [MSG_401, 'unauthorized'],
    [`Reconnecting... 3/5 (${MSG_401})`, 'unauthorized'],
    [MSG_500, 'server_error'],
    ['unexpected status 503 Service Unavailable: The engine is currently overloaded., url: http://127.0.0.1:45583/v1/responses', 'server_error'],
    [MSG_CUT, 'stream_disconnected'],
    [`Reconnecting... 1/5 (${MSG_CUT})`, 'stream_disconnected'],
    [MSG_CTX, 'context_window'],
    ['unexpected status 403 Forbidden: Forbidden., url: http://127.0.0.1:45583/v1/responses', 'unauthorized'],
    ['exceeded retry limit, last status: 429 Too Many Requests', 'other'],
    ['{"error":{"message":"Bad request.","type":"invalid_request_error","param":null,"code":null}}', 'other'],
    // A port that happens to look like a status must not decide the class.
    ['unexpected status 403 Forbidden: no, url: http://127.0.0.1:50401/v1/responses', 'unauthorized'],
  ])('%s -> %s', (message, expected) => {
    expect(classifyModelError(message)).toBe(expected);
  });

  it('classifies every fixture turn.failed message', () => {
    const failed = (name: string) => fixture(name).find((e) => e.kind === 'turn_failed');
    const cls = (name: string) => {
      const e = failed(name);
      return e?.kind === 'turn_failed' ? classifyModelError(e.message) : 'missing';
    };
    expect(['fail-401', 'fail-500', 'fail-503', 'cut', 'context', 'fail-400-context', 'fail-429'].map(cls)).toEqual([
      'unauthorized',
      'server_error',
      'server_error',
      'stream_disconnected',
      'context_window',
      'context_window',
      'other',
    ]);
  });
});
