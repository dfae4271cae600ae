// recoverView/renderRecover: grouping by what the general must do next, other generals counted only.
import { describe, expect, it } from 'vitest';
import { recoverView, renderRecover } from '../../src/jobs/recover.js';
import type { JobRecord, TurnRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const ME = 'session-me';
const alive = (pid: number): boolean => pid === 111;

function turn(n: number, status: TurnRecord['status'], msg: string | null = null): TurnRecord {
  return { n, turn_id: null, status, started_at: '2026-11-24T07:50:00Z', completed_at: status === 'running' ? null : '2026-11-24T07:55:00Z', last_message: msg, error: null, error_kind: null };
}

function job(id: string, over: Partial<JobRecord>): JobRecord {
  return makeRecord({ id, parent_session: ME, status: 'completed', started_at: '2026-11-24T07:50:00Z', created_at: '2026-11-24T07:50:00Z', ...over });
}

describe('recoverView', () => {
  const records = [
    job('aaaa0001', { status: 'running', runner_pid: 111, turns: [turn(1, 'running')], turn_state: 'working' }),
    job('aaaa0002', { runner_pid: 111, completed_at: '2026-11-24T07:55:00Z', turns: [turn(1, 'completed', 'Wrote a.ts.')], consumed_turns: 0, last_message: 'Wrote a.ts.', files_modified: ['/tmp/rec/w2/a.ts'] }),
    job('aaaa0003', { runner_pid: 111, turns: [turn(1, 'completed', 'done')], consumed_turns: 1, turn_state: 'idle' }),
    job('aaaa0004', { runner_pid: null, turns: [turn(1, 'completed', 'old')], consumed_turns: 1, turn_state: 'ended' }),
    job('aaaa0005', { status: 'running', mode: 'interactive', runner_pid: 111, turn_state: 'blocked', blocked_screen: 'Sign in' }),
    job('bbbb0001', { parent_session: 'someone-else', status: 'running', runner_pid: 111, turns: [turn(1, 'running')] }),
    job('bbbb0002', { parent_session: 'someone-else', runner_pid: null }),
    job('cccc0001', { parent_session: null, status: 'running', runner_pid: 111, turns: [turn(1, 'running')] }),
  ];

  it('groups this general\'s jobs and counts (never lists) the others', () => {
    const v = recoverView(records, ME, alive, NOW);
    expect(v.items.map((i) => [i.id, i.group])).toEqual([
      ['aaaa0005', 'blocked'],
      ['aaaa0002', 'finished'],
      ['aaaa0001', 'running'],
      ['aaaa0003', 'idle'],
    ]);
    expect(v.settled).toBe(1);
    expect(v.others_active).toBe(2);
    expect(v.items.find((i) => i.id === 'aaaa0002')).toMatchObject({ next: 'codex-agent await-turn aaaa0002', files_modified: ['a.ts'], last_answer: 'Wrote a.ts.' });
    expect(v.items.find((i) => i.id === 'aaaa0003')!.next).toMatch(/^codex-agent send aaaa0003/);
    const text = renderRecover(v);
    expect(text).not.toContain('bbbb0001');
    expect(text).not.toContain('cccc0001');
    expect(text).toContain('(2 active job(s) of other sessions not listed');
    expect(text).toMatch(/Finished since you last looked[^\n]*\n- aaaa0002 exec 5m00s "Wrote a.ts." files: a.ts → codex-agent await-turn aaaa0002/);
  });

  it('stays under 2,500 characters for 20 jobs with long answers and many files', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      job(`dddd${String(i).padStart(4, '0')}`, {
        runner_pid: 111,
        turns: [turn(1, 'completed', 'A long final answer that goes on and on about everything the agent did. '.repeat(20))],
        consumed_turns: 0,
        last_message: 'A long final answer that goes on and on about everything the agent did. '.repeat(20),
        files_modified: Array.from({ length: 12 }, (_, k) => `/tmp/rec/w2/src/module-${k}/file-with-a-long-name-${k}.ts`),
      }),
    );
    const text = renderRecover(recoverView(many, ME, alive, NOW));
    expect(text.length).toBeLessThanOrEqual(2_500);
    for (const r of many) expect(text).toContain(r.id);
  });
});
