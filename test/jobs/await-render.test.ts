// How the results of a wait on several jobs read, and the one exit code of --all.
import { describe, expect, it } from 'vitest';
import type { AwaitPayload } from '../../src/jobs/await-many.js';
import { allExitCode, answerText, labelledText, notCompletedLine } from '../../src/jobs/await-render.js';

function result(id: string, over: Partial<AwaitPayload> = {}): AwaitPayload {
  return { id, outcome: 'completed', exit_code: 0, turn: 1, message: `answer of ${id}`, error: null, status: 'completed', tokens: null, files_modified: [], ...over };
}
const failed = (id: string, code = 4): AwaitPayload => result(id, { outcome: code === 5 ? 'context_limit' : 'failed', exit_code: code, message: null, error: `turn 1 failed: boom ${id}`, status: 'failed' });
const idle = (id: string): AwaitPayload => result(id, { outcome: 'idle', exit_code: 7, turn: null, message: null, error: `job ${id} is idle` });

describe('answerText (one job, as await-turn always printed it)', () => {
  it('the answer; a completed turn without one says so; a failure prints nothing on stdout', () => {
    expect(answerText(result('a'))).toBe('answer of a');
    expect(answerText(result('a', { message: null }))).toBe('(the turn ended without a message)');
    expect(answerText(failed('a'))).toBe('');
  });
});

describe('labelledText', () => {
  it('a line naming the job, how its turn ended and which, then the answer', () => {
    expect(labelledText(result('aaaa0001', { turn: 2 }))).toBe('== aaaa0001 completed · turn 2 ==\nanswer of aaaa0001');
  });
  it('a failure: its message if any, then the error', () => {
    expect(labelledText(failed('aaaa0002'))).toBe('== aaaa0002 failed · turn 1 ==\nturn 1 failed: boom aaaa0002');
    expect(labelledText({ ...failed('aaaa0002'), message: 'partial' })).toBe('== aaaa0002 failed · turn 1 ==\npartial\nturn 1 failed: boom aaaa0002');
  });
  it('a job that cannot produce a turn: no turn number, the reason', () => {
    expect(labelledText(idle('aaaa0003'))).toBe('== aaaa0003 idle ==\njob aaaa0003 is idle');
  });
});

describe('allExitCode', () => {
  it('0 when every turn completed', () => {
    expect(allExitCode([result('b'), result('a')], ['a', 'b'])).toBe(0);
  });
  it('else the code of the first job in the order given whose turn did not complete, whatever the order they arrived in', () => {
    expect(allExitCode([idle('c'), failed('b', 5), result('a')], ['a', 'b', 'c'])).toBe(5);
    expect(allExitCode([failed('b', 5), idle('c')], ['c', 'b'])).toBe(7);
  });
});

describe('notCompletedLine', () => {
  it('null when all completed; one job: its error; several: which did not complete', () => {
    expect(notCompletedLine([result('a'), result('b')])).toBeNull();
    expect(notCompletedLine([failed('a')])).toBe('turn 1 failed: boom a');
    expect(notCompletedLine([result('a'), failed('b'), idle('c')])).toBe('2 of 3 jobs did not complete: b (failed), c (idle)');
  });
});
