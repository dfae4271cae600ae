// Codex's own records as neutral agent events: recorded lines (test/fixtures, codex 0.169 against
// src/mock/server.ts) through execLineEvents / rolloutLineEvents, and errorKindOf.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorKindOf, execLineEvents, fromExecEvent, fromRolloutEvent, rolloutLineEvents } from '../../../src/providers/codex/events.js';
import type { ExecEvent } from '../../../src/providers/codex/exec-events.js';
import { parseRolloutLine, type RolloutEvent, type TurnError } from '../../../src/providers/codex/rollout.js';
import type { AgentEvent } from '../../../src/providers/types.js';
import type { ErrorKind } from '../../../src/store/record.js';

function lines(dir: 'exec' | 'rollout', name: string): string[] {
  return readFileSync(new URL(`../../fixtures/${dir}/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

/** Each line's events, line by line: a line that says nothing maps to []. */
const execLines = (name: string): AgentEvent[][] => lines('exec', name).map(execLineEvents);

/** The lines of a rollout that say something, as [line index, events]; every other line maps to []. */
const rolloutStory = (name: string): [number, AgentEvent[]][] =>
  lines('rollout', name).flatMap((l, i): [number, AgentEvent[]][] => {
    const evs = rolloutLineEvents(l);
    return evs.length > 0 ? [[i, evs]] : [];
  });

const MSG_CTX = "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";
const MSG_CUT = 'stream disconnected before completion: Transport error: network error: error decoding response body';
const MSG_401 = 'unexpected status 401 Unauthorized: Incorrect API key provided., url: http://127.0.0.1:38021/v1/responses';
const MSG_403 = 'unexpected status 403 Forbidden: Forbidden., url: http://127.0.0.1:45583/v1/responses';
const MSG_429 = 'exceeded retry limit, last status: 429 Too Many Requests';
const MSG_500 = 'We’re currently experiencing high demand, which may cause temporary errors.';
const MSG_503 = 'unexpected status 503 Service Unavailable: The engine is currently overloaded., url: http://127.0.0.1:45583/v1/responses';
const MSG_400 = '{"error":{"message":"Bad request.","type":"invalid_request_error","param":null,"code":null}}';
const MSG_PATCH =
  "Ran: apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: notes/hello.txt\n@@\n-Hello from the mock model\n+Hello again from the mock model\n*** Delete File: notes/old.txt\n*** End Patch\nEOF\nExit code: 0";
const MSG_RUN = 'Ran: echo hi-from-run; ls notes\nhi-from-run';

const thread = (threadId: string): AgentEvent => ({ kind: 'thread_started', threadId });
const warn = (message: string): AgentEvent => ({ kind: 'warning', message });
/** exec names no turn and no context window. */
const EXEC_TURN: AgentEvent = { kind: 'turn_started', turnId: null, contextWindow: null };
const execEnd = (input: number, cachedInput: number, output: number, reasoningOutput: number): AgentEvent[] => [
  { kind: 'tokens', total: { input, cachedInput, output, reasoningOutput }, lastContext: null, contextWindow: null },
  { kind: 'turn_completed', turnId: null, message: null },
];
const execFailed = (error: string, errorKind: ErrorKind): AgentEvent => ({ kind: 'turn_failed', turnId: null, error, errorKind });
const retries = (msg: string): AgentEvent[][] => [...[1, 2, 3, 4, 5].map((n) => [warn(`Reconnecting... ${n}/5 (${msg})`)]), [warn(msg)]];

describe('execLineEvents over recorded exec runs, line by line', () => {
  const cases: [string, AgentEvent[][]][] = [
    [
      'write',
      [
        [thread('01a20c40-db1c-7b82-ab74-4b787968ea3d')],
        [EXEC_TURN],
        // item.started of a file change: nothing to tell until it completes.
        [],
        [{ kind: 'file_change', changes: [{ path: '/tmp/rec/w2/notes/hello.txt', kind: 'add' }] }],
        [{ kind: 'agent_message', text: 'Wrote notes/hello.txt.' }],
        // The thread's running totals come with the turn's end, before it.
        execEnd(19463, 9731, 126, 16),
      ],
    ],
    [
      'patch',
      [
        [thread('01a20c41-a9af-7622-b6b3-810395aebf2a')],
        [EXEC_TURN],
        [],
        [
          {
            kind: 'file_change',
            changes: [
              { path: '/tmp/rec/w2/notes/hello.txt', kind: 'update' },
              { path: '/tmp/rec/w2/notes/old.txt', kind: 'delete' },
            ],
          },
        ],
        [{ kind: 'agent_message', text: MSG_PATCH }],
        execEnd(19559, 9779, 192, 16),
      ],
    ],
    [
      'run',
      [
        [thread('01a20c40-dc53-74f0-a9ee-a428d26f2e1f')],
        [EXEC_TURN],
        [{ kind: 'command_started', command: "/bin/bash -lc 'echo hi-from-run; ls notes'" }],
        [{ kind: 'command', command: "/bin/bash -lc 'echo hi-from-run; ls notes'", exitCode: 0, output: 'hi-from-run\nhello.txt\n' }],
        [{ kind: 'agent_message', text: MSG_RUN }],
        execEnd(19428, 9713, 108, 16),
      ],
    ],
    [
      'say',
      [[thread('01a20c40-dd6e-7620-8d26-af85fb04c439')], [EXEC_TURN], [{ kind: 'agent_message', text: 'All done here.' }], execEnd(9658, 4829, 48, 8)],
    ],
    [
      // The same thread, resumed: exec says thread.started again.
      'resume',
      [[thread('01a20c40-dd6e-7620-8d26-af85fb04c439')], [EXEC_TURN], [{ kind: 'agent_message', text: 'Resumed and still here.' }], execEnd(19397, 9698, 99, 16)],
    ],
    ['context', [[thread('01a20c41-1e67-7842-883e-7ade42e329b5')], [EXEC_TURN], [warn(MSG_CTX)], [execFailed(MSG_CTX, 'context_window')]]],
    ['fail-400-context', [[thread('01a20c42-e115-7461-abb1-29f018974a45')], [EXEC_TURN], [warn(MSG_CTX)], [execFailed(MSG_CTX, 'context_window')]]],
    // Retries are warnings; only turn.failed fails the turn, with its own message.
    ['cut', [[thread('01a20c41-052b-7693-ae96-3cb6c1b32ed3')], [EXEC_TURN], ...retries(MSG_CUT), [execFailed(MSG_CUT, 'stream_disconnected')]]],
    ['fail-401', [[thread('01a20c40-ecc7-7251-be6d-e0a75606dc3c')], [EXEC_TURN], ...retries(MSG_401), [execFailed(MSG_401, 'unauthorized')]]],
    // A 403 is an auth failure from either source (exec's message, the rollout's status).
    ['fail-403', [[thread('01a20c42-e2b8-78f2-96e1-fedfd25236fc')], [EXEC_TURN], ...retries(MSG_403), [execFailed(MSG_403, 'unauthorized')]]],
    ['fail-429', [[thread('01a20c42-e0e6-7af3-81ba-41b464064110')], [EXEC_TURN], [warn(MSG_429)], [execFailed(MSG_429, 'other')]]],
    ['fail-500', [[thread('01a20c40-ecc4-7752-850c-89dcfb76c971')], [EXEC_TURN], ...retries(MSG_500), [execFailed(MSG_500, 'server_error')]]],
    ['fail-503', [[thread('01a20c42-e0ec-7083-b171-e550732ffcbb')], [EXEC_TURN], ...retries(MSG_503), [execFailed(MSG_503, 'server_error')]]],
    ['fail-400', [[thread('01a20c42-e217-7993-a5e4-0b270ddf9284')], [EXEC_TURN], [warn(MSG_400)], [execFailed(MSG_400, 'other')]]],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(execLines(name)).toEqual(expected);
  });

  it('covers every recorded exec fixture', () => {
    const names = readdirSync(new URL('../../fixtures/exec/', import.meta.url)).map((f) => f.replace(/\.jsonl$/, ''));
    expect(names).toHaveLength(14);
    expect(cases.map(([n]) => n).sort()).toEqual(names.sort());
  });
});

describe('fromExecEvent, shapes the fixtures do not hold', () => {
  it.each<[string, ExecEvent, AgentEvent[]]>([
    ['an item started without a command', { kind: 'item_started', itemType: 'reasoning' }, []],
    ['an unknown event', { kind: 'unknown', type: 'item.updated' }, []],
    ['a command that was cut off', { kind: 'command', command: 'sleep 9', exitCode: null, output: '', status: 'failed' }, [{ kind: 'command', command: 'sleep 9', exitCode: null, output: '' }]],
    ['turn.failed on the context window (by code in the message)', { kind: 'turn_failed', message: 'context_length_exceeded' }, [execFailed('context_length_exceeded', 'context_window')]],
    ['turn.failed, stream cut', { kind: 'turn_failed', message: 'stream disconnected before completion: boom' }, [execFailed('stream disconnected before completion: boom', 'stream_disconnected')]],
    ['turn.failed, anything else', { kind: 'turn_failed', message: 'Bad request.' }, [execFailed('Bad request.', 'other')]],
    [
      'turn.completed with zero usage still reports the totals',
      { kind: 'turn_completed', usage: { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0 } },
      execEnd(0, 0, 0, 0),
    ],
  ])('%s', (_name, ev, expected) => {
    expect(fromExecEvent(ev)).toEqual(expected);
  });

  it.each([
    ['a blank line', ''],
    ['not JSON', 'Reading prompt from stdin...'],
    ['JSON that is not an event', '[1,2]'],
    ['an event of an unknown type', '{"type":"item.updated","item":{"type":"todo_list"}}'],
    ['a completed item of an unknown type', '{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"thinking"}}'],
    ['thread.started without a thread id', '{"type":"thread.started"}'],
  ])('%s says nothing', (_name, line) => {
    expect(execLineEvents(line)).toEqual([]);
  });

  it('an error item completed is a warning, not a failure', () => {
    expect(execLineEvents('{"type":"item.completed","item":{"id":"item_3","type":"error","message":"model fell back"}}')).toEqual([warn('model fell back')]);
  });
});

const CW = 258400;
const rStarted = (turnId: string): AgentEvent => ({ kind: 'turn_started', turnId, contextWindow: CW });
const rTokens = (input: number, cachedInput: number, output: number, reasoningOutput: number, lastContext: number): AgentEvent => ({
  kind: 'tokens',
  total: { input, cachedInput, output, reasoningOutput },
  lastContext,
  contextWindow: CW,
});
const rDone = (turnId: string, message: string | null): AgentEvent => ({ kind: 'turn_completed', turnId, message });
const rFailed = (turnId: string, error: string, errorKind: ErrorKind): AgentEvent => ({ kind: 'turn_failed', turnId, error, errorKind });
const USER: AgentEvent = { kind: 'user_message' };

describe('rolloutLineEvents over recorded rollouts: the lines that say something', () => {
  const cases: [string, [number, AgentEvent[]][]][] = [
    [
      'exec-write',
      [
        [0, [thread('01a20c40-db1c-7b82-ab74-4b787968ea3d')]],
        [1, [rStarted('01a20c40-db2a-7971-a9ea-f75cf76c4bb0')]],
        [8, [USER]],
        [11, [{ kind: 'file_change', changes: [{ path: '/tmp/rec/w2/notes/hello.txt', kind: 'add' }] }]],
        [13, [rTokens(9665, 4832, 76, 8, 9741)]],
        [14, [{ kind: 'agent_message', text: 'Wrote notes/hello.txt.' }]],
        // Totals of the thread; the last request's size is the context in use.
        [17, [rTokens(19463, 9731, 126, 16, 9848)]],
        [18, [rDone('01a20c40-db2a-7971-a9ea-f75cf76c4bb0', 'Wrote notes/hello.txt.')]],
      ],
    ],
    [
      'exec-patch',
      [
        [0, [thread('01a20c41-a9af-7622-b6b3-810395aebf2a')]],
        [1, [rStarted('01a20c41-a9bd-7451-a536-b523f7b71663')]],
        [8, [USER]],
        [
          11,
          [
            {
              kind: 'file_change',
              changes: [
                { path: '/tmp/rec/w2/notes/old.txt', kind: 'delete' },
                { path: '/tmp/rec/w2/notes/hello.txt', kind: 'update' },
              ],
            },
          ],
        ],
        [13, [rTokens(9701, 4850, 95, 8, 9796)]],
        [14, [{ kind: 'agent_message', text: MSG_PATCH }]],
        [17, [rTokens(19559, 9779, 192, 16, 9955)]],
        [18, [rDone('01a20c41-a9bd-7451-a536-b523f7b71663', MSG_PATCH)]],
      ],
    ],
    [
      'exec-run',
      [
        [0, [thread('01a20c40-dc53-74f0-a9ee-a428d26f2e1f')]],
        [1, [rStarted('01a20c40-dc62-7232-8019-745d9403626f')]],
        [8, [USER]],
        // The argv joined with spaces (the rollout keeps no shell quoting).
        [11, [{ kind: 'command', command: '/bin/bash -lc echo hi-from-run; ls notes', exitCode: 0, output: 'hi-from-run\nhello.txt\n' }]],
        [13, [rTokens(9661, 4830, 52, 8, 9713)]],
        [14, [{ kind: 'agent_message', text: MSG_RUN }]],
        [17, [rTokens(19428, 9713, 108, 16, 9823)]],
        [18, [rDone('01a20c40-dc62-7232-8019-745d9403626f', MSG_RUN)]],
      ],
    ],
    [
      'exec-say-resumed',
      [
        [0, [thread('01a20c40-dd6e-7620-8d26-af85fb04c439')]],
        [1, [rStarted('01a20c40-dd7a-7a92-9896-4ce1b5b8e1dc')]],
        [8, [USER]],
        [9, [{ kind: 'agent_message', text: 'All done here.' }]],
        [12, [rTokens(9658, 4829, 48, 8, 9706)]],
        [13, [rDone('01a20c40-dd7a-7a92-9896-4ce1b5b8e1dc', 'All done here.')]],
        // The resumed turn, appended to the same file.
        [15, [rStarted('01a20c40-de95-7011-a6f1-623e2e9ee304')]],
        [18, [USER]],
        [19, [{ kind: 'agent_message', text: 'Resumed and still here.' }]],
        [22, [rTokens(19397, 9698, 99, 16, 9790)]],
        [23, [rDone('01a20c40-de95-7011-a6f1-623e2e9ee304', 'Resumed and still here.')]],
      ],
    ],
    [
      'exec-context',
      [
        [0, [thread('01a20c41-1e67-7842-883e-7ade42e329b5')]],
        [1, [rStarted('01a20c41-1e75-7433-b993-e34477674aac')]],
        [8, [USER]],
        // Line 9 is an info-less count: nothing. Line 10 reports the window full.
        [10, [rTokens(0, 0, 0, 0, 258400)]],
        [11, [rFailed('01a20c41-1e75-7433-b993-e34477674aac', MSG_CTX, 'context_window')]],
      ],
    ],
    [
      'exec-cut',
      [
        [0, [thread('01a20c41-052b-7693-ae96-3cb6c1b32ed3')]],
        [1, [rStarted('01a20c41-0538-7f60-8b62-2d92b5b37414')]],
        [8, [USER]],
        // codex_error_info "other": the message tells the kind.
        [15, [rFailed('01a20c41-0538-7f60-8b62-2d92b5b37414', MSG_CUT, 'stream_disconnected')]],
      ],
    ],
    [
      'exec-fail-401',
      [
        [0, [thread('01a20c40-ecc7-7251-be6d-e0a75606dc3c')]],
        [1, [rStarted('01a20c40-ecdc-7b61-924f-f706f0b998eb')]],
        [8, [USER]],
        [9, [rFailed('01a20c40-ecdc-7b61-924f-f706f0b998eb', MSG_401, 'unauthorized')]],
      ],
    ],
    [
      'exec-fail-500',
      [
        [0, [thread('01a20c40-ecc4-7752-850c-89dcfb76c971')]],
        [1, [rStarted('01a20c40-ece4-7e73-8336-840fced7a260')]],
        [8, [USER]],
        [9, [rFailed('01a20c40-ece4-7e73-8336-840fced7a260', MSG_500, 'server_error')]],
      ],
    ],
    [
      'tui-session',
      [
        [0, [thread('01a20c41-c2e2-78c0-ae0f-b4a4aab724b0')]],
        [1, [rStarted('01a20c41-c305-7b02-b8a3-0ebf9ea8aba2')]],
        [8, [USER]],
        [9, [{ kind: 'agent_message', text: 'hi' }]],
        [12, [rTokens(11381, 5690, 45, 8, 11426)]],
        [13, [rDone('01a20c41-c305-7b02-b8a3-0ebf9ea8aba2', 'hi')]],
        [15, [rStarted('01a20c41-dfad-7913-bbbc-84e8539f24e9')]],
        [18, [USER]],
        // Line 19 is the "<turn_aborted>" note Codex puts into the thread as a message: not the user's.
        [20, [{ kind: 'turn_aborted', turnId: '01a20c41-dfad-7913-bbbc-84e8539f24e9', reason: 'interrupted' }]],
        [22, [rStarted('01a20c41-ed68-7f01-b10b-a3be20f92189')]],
        [25, [USER]],
        [26, [rTokens(11381, 5690, 45, 8, 11426)]],
        [27, [rTokens(0, 0, 0, 0, 246974)]],
        [28, [rFailed('01a20c41-ed68-7f01-b10b-a3be20f92189', MSG_CTX, 'context_window')]],
        [30, [rStarted('01a20c41-f734-7400-a821-8a30f65c4bc5')]],
        [31, [rTokens(0, 0, 0, 0, 246974)]],
        [34, [rTokens(9032, 4516, 66, 8, 9098)]],
        [39, [rTokens(9032, 4516, 66, 8, 8246)]],
        [42, [USER]],
        [45, [{ kind: 'command', command: '/bin/bash -lc echo tui-run', exitCode: 0, output: 'tui-run\n' }]],
        [47, [rTokens(20676, 10338, 115, 16, 11693)]],
        [48, [{ kind: 'agent_message', text: 'Ran: echo tui-run\ntui-run' }]],
        [51, [rTokens(32419, 16209, 166, 24, 11794)]],
        [52, [rDone('01a20c41-f734-7400-a821-8a30f65c4bc5', 'Ran: echo tui-run\ntui-run')]],
      ],
    ],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(rolloutStory(name)).toEqual(expected);
  });

  it('covers every recorded rollout fixture', () => {
    const names = readdirSync(new URL('../../fixtures/rollout/', import.meta.url)).map((f) => f.replace(/\.jsonl$/, ''));
    expect(cases.map(([n]) => n).sort()).toEqual(names.sort());
  });

  it('the fixtures hold the line counts these tables index into', () => {
    const counts = Object.fromEntries(cases.map(([n]) => [n, lines('rollout', n).length]));
    expect(counts).toEqual({
      'exec-write': 19,
      'exec-patch': 19,
      'exec-run': 19,
      'exec-say-resumed': 24,
      'exec-context': 12,
      'exec-cut': 16,
      'exec-fail-401': 10,
      'exec-fail-500': 10,
      'tui-session': 53,
    });
  });

  it('info-less token counts (turn start, retries) say nothing', () => {
    const cut = lines('rollout', 'exec-cut');
    for (const i of [9, 10, 11, 12, 13, 14]) {
      expect(parseRolloutLine(cut[i]!)).toEqual({ kind: 'token_count', total: null, last: null, contextWindow: null });
      expect(rolloutLineEvents(cut[i]!)).toEqual([]);
    }
  });
});

describe('fromRolloutEvent, shapes the fixtures do not hold', () => {
  it.each<[string, RolloutEvent, AgentEvent[]]>([
    ['a task started without a context window', { kind: 'task_started', turnId: 't-1', contextWindow: null }, [{ kind: 'turn_started', turnId: 't-1', contextWindow: null }]],
    ['a task complete without a final message', { kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: null, error: null }, [rDone('t-1', null)]],
    [
      'a failed task without a message: its code stands for it',
      { kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: 10, error: { code: 'internal_server_error' } },
      [rFailed('t-1', 'internal_server_error', 'server_error')],
    ],
    [
      'a failed task on an HTTP 401',
      { kind: 'task_complete', turnId: 't-1', lastAgentMessage: null, durationMs: 10, error: { code: 'http_connection_failed', httpStatus: 401, message: 'unexpected status 401 Unauthorized' } },
      [rFailed('t-1', 'unexpected status 401 Unauthorized', 'unauthorized')],
    ],
    ['an abort that names no turn', { kind: 'turn_aborted', turnId: null, reason: 'interrupted' }, [{ kind: 'turn_aborted', turnId: null, reason: 'interrupted' }]],
    ['an info-less token count', { kind: 'token_count', total: null, last: null, contextWindow: null }, []],
    [
      'a count with only the window',
      { kind: 'token_count', total: null, last: null, contextWindow: 128000 },
      [{ kind: 'tokens', total: null, lastContext: null, contextWindow: 128000 }],
    ],
    [
      'a count with only the last request',
      { kind: 'token_count', total: null, last: { input: 9000, cachedInput: 0, output: 48, reasoningOutput: 0, total: 9048 }, contextWindow: null },
      [{ kind: 'tokens', total: null, lastContext: 9048, contextWindow: null }],
    ],
    [
      'all-zero totals say nothing (they would hide the thread\'s real totals)',
      { kind: 'token_count', total: { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0, total: 0 }, last: null, contextWindow: null },
      [],
    ],
    [
      'all-zero totals beside a window: the window only',
      { kind: 'token_count', total: { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0, total: 0 }, last: null, contextWindow: 258400 },
      [{ kind: 'tokens', total: null, lastContext: null, contextWindow: 258400 }],
    ],
    ['a user message, whatever it says', { kind: 'user_message', text: 'go on' }, [USER]],
    ['a command that did not finish', { kind: 'command', command: ['sleep', '9'], cwd: null, exitCode: null, output: '' }, [{ kind: 'command', command: 'sleep 9', exitCode: null, output: '' }]],
    ['a record it does not track', { kind: 'other', type: 'turn_context' }, []],
  ])('%s', (_name, ev, expected) => {
    expect(fromRolloutEvent(ev)).toEqual(expected);
  });

  it.each([
    ['a blank line', ''],
    ['not JSON', 'rollout'],
    ['JSON without type and payload', '{"timestamp":"2026-11-24T06:31:46.734Z"}'],
  ])('%s says nothing', (_name, line) => {
    expect(rolloutLineEvents(line)).toEqual([]);
  });
});

describe('errorKindOf', () => {
  // The errors of the recorded rollouts, as parsed.
  const recorded = (name: string): TurnError => {
    const done = lines('rollout', name)
      .map((l) => parseRolloutLine(l))
      .find((e) => e?.kind === 'task_complete');
    if (done?.kind !== 'task_complete' || !done.error) throw new Error(`${name}: no failed task_complete`);
    return done.error;
  };

  it.each<[string, TurnError, ErrorKind]>([
    ['recorded: context window exceeded', recorded('exec-context'), 'context_window'],
    ['recorded: HTTP 401', recorded('exec-fail-401'), 'unauthorized'],
    ['recorded: internal_server_error', recorded('exec-fail-500'), 'server_error'],
    ['recorded: "other", told by its message', recorded('exec-cut'), 'stream_disconnected'],
  ])('%s', (_name, error, kind) => {
    expect(errorKindOf(error)).toBe(kind);
  });

  it('the recorded errors are the shapes the table above relies on', () => {
    expect([recorded('exec-context'), recorded('exec-fail-401'), recorded('exec-fail-500'), recorded('exec-cut')]).toEqual([
      { code: 'context_window_exceeded', message: MSG_CTX },
      { code: 'http_connection_failed', httpStatus: 401, message: MSG_401 },
      { code: 'internal_server_error', message: MSG_500 },
      { code: 'other', message: MSG_CUT },
    ]);
  });

  it.each<[TurnError, ErrorKind]>([
    [{ code: 'context_window_exceeded' }, 'context_window'],
    // The code wins over a message that says something else.
    [{ code: 'context_window_exceeded', httpStatus: 400, message: 'unexpected status 401 Unauthorized' }, 'context_window'],
    [{ code: 'http_connection_failed', httpStatus: 401 }, 'unauthorized'],
    [{ code: 'http_connection_failed', httpStatus: 403, message: 'forbidden' }, 'unauthorized'],
    [{ code: 'internal_server_error' }, 'server_error'],
    [{ code: 'http_connection_failed', httpStatus: 500 }, 'server_error'],
    [{ code: 'http_connection_failed', httpStatus: 502 }, 'server_error'],
    [{ code: 'http_connection_failed', httpStatus: 503, message: 'stream disconnected before completion' }, 'server_error'],
    // Message-only classification.
    [{ code: 'other', message: 'stream disconnected before completion: error sending request' }, 'stream_disconnected'],
    [{ code: 'other', message: 'unexpected status 401 Unauthorized: Incorrect API key provided' }, 'unauthorized'],
    [{ code: 'other', message: 'context_length_exceeded' }, 'context_window'],
    [{ code: 'other', message: 'unexpected status 502 Bad Gateway' }, 'server_error'],
    [{ code: 'http_connection_failed', httpStatus: 429, message: 'rate limited' }, 'other'],
    [{ code: 'http_connection_failed', httpStatus: 499 }, 'other'],
    [{ code: 'other' }, 'other'],
    [{ code: 'unknown', message: '' }, 'other'],
  ])('%j -> %s', (error, kind) => {
    expect(errorKindOf(error)).toBe(kind);
  });
});
