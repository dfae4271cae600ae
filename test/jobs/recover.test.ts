// recoverView/renderRecover: grouping by what the general must do next, other generals counted only.
// Records are reconciled before recoverView: a runner on record is a runner that runs.
import { describe, expect, it } from 'vitest';
import { recoverView, renderRecover, type RecoverGroup } from '../../src/jobs/recover.js';
import type { JobRecord, TurnRecord } from '../../src/store/record.js';
import { makeRecord } from '../support/store-record.js';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const ME = 'session-me';
const RUNNER = { pid: 111, start: 'boot/1' };
const THREAD = '01a20c40-db1c-7b82-ab74-4b787968ea3d';

function turn(n: number, status: TurnRecord['status'], msg: string | null = null): TurnRecord {
  return { n, turn_id: null, status, started_at: '2026-11-24T07:50:00Z', completed_at: status === 'running' ? null : '2026-11-24T07:55:00Z', last_message: msg, error: null, error_kind: null };
}

function job(id: string, over: Partial<JobRecord>): JobRecord {
  return makeRecord({ id, parent_session: ME, status: 'completed', thread_id: THREAD, started_at: '2026-11-24T07:50:00Z', created_at: '2026-11-24T07:50:00Z', ...over });
}

describe('recoverView', () => {
  const records = [
    job('aaaa0001', { status: 'running', runner: RUNNER, turns: [turn(1, 'running')], turn_state: 'working' }),
    job('aaaa0002', { runner: RUNNER, completed_at: '2026-11-24T07:55:00Z', turns: [turn(1, 'completed', 'Wrote a.ts.')], consumed_turns: 0, last_message: 'Wrote a.ts.', files_modified: ['/tmp/rec/w2/a.ts'] }),
    job('aaaa0003', { runner: RUNNER, turns: [turn(1, 'completed', 'done')], consumed_turns: 1, turn_state: 'idle' }),
    job('aaaa0004', { runner: null, turns: [turn(1, 'completed', 'old')], consumed_turns: 1, turn_state: 'ended' }),
    job('aaaa0005', { status: 'running', mode: 'interactive', runner: RUNNER, turn_state: 'blocked', blocked_screen: 'Sign in' }),
    // Idle with no process at all: send continues it, so it is listed, not settled.
    job('aaaa0006', { runner: null, turns: [turn(1, 'completed', 'done')], consumed_turns: 1, turn_state: 'idle', completed_at: '2026-11-24T07:55:00Z' }),
    job('aaaa0007', { status: 'failed', runner: null, turns: [turn(1, 'failed')], consumed_turns: 1, turn_state: 'context_limit', error_kind: 'context_window', error: "Codex ran out of room in the model's context window." }),
    job('aaaa0008', { status: 'cancelled', runner: null, turns: [turn(1, 'aborted')], consumed_turns: 1, turn_state: 'ended' }),
    // A blocked job whose runner is gone is no longer blocked on a screen: idle.
    job('aaaa0009', { status: 'failed', mode: 'interactive', runner: null, turn_state: 'blocked', blocked_screen: 'Sign in' }),
    job('aaaa0010', { status: 'pending', runner: null, turn_state: 'starting' }),
    job('bbbb0001', { parent_session: 'someone-else', status: 'running', runner: RUNNER, turns: [turn(1, 'running')] }),
    job('bbbb0002', { parent_session: 'someone-else', runner: null }),
    job('bbbb0003', { parent_session: 'someone-else', status: 'completed', runner: RUNNER, turn_state: 'idle' }),
    job('bbbb0004', { parent_session: 'someone-else', runner: null, turn_state: 'idle', turns: [turn(1, 'completed')] }),
    job('cccc0001', { parent_session: null, status: 'running', runner: RUNNER, turns: [turn(1, 'running')] }),
  ];

  it('groups this general\'s jobs and counts (never lists) the others', () => {
    const v = recoverView(records, ME, NOW);
    expect(v.items.map((i) => [i.id, i.group])).toEqual<[string, RecoverGroup][]>([
      ['aaaa0005', 'blocked'],
      ['aaaa0002', 'finished'],
      ['aaaa0001', 'running'],
      ['aaaa0010', 'running'],
      ['aaaa0003', 'idle'],
      ['aaaa0006', 'idle'],
      ['aaaa0007', 'idle'],
      ['aaaa0009', 'idle'],
    ]);
    expect(v.session).toBe(ME);
    expect(v.settled).toBe(2);
    // Others' jobs with a runner or a running turn; an idle one without a runner is not active.
    expect(v.others_active).toBe(3);
    expect(v.items.find((i) => i.id === 'aaaa0002')).toEqual({
      id: 'aaaa0002',
      group: 'finished',
      mode: 'exec',
      status: 'completed',
      elapsed_ms: 5 * 60_000,
      last_answer: 'Wrote a.ts.',
      files_modified: ['a.ts'],
      reason: null,
      next: 'codex-agent await-turn aaaa0002',
    });
    expect(v.items.find((i) => i.id === 'aaaa0001')).toMatchObject({ next: 'codex-agent await-turn aaaa0001', elapsed_ms: 10 * 60_000 });
    expect(v.items.find((i) => i.id === 'aaaa0005')!.next).toBe('codex-agent status aaaa0005');
    for (const id of ['aaaa0003', 'aaaa0006']) {
      expect(v.items.find((i) => i.id === id)!.next).toBe(`codex-agent send ${id} "<next instruction>"  (or: codex-agent kill ${id})`);
    }
    // A full context window: idle with a send hint that says a new job is the better way on.
    expect(v.items.find((i) => i.id === 'aaaa0007')).toMatchObject({
      group: 'idle',
      reason: "Codex ran out of room in the model's context window.",
      next: 'codex-agent send aaaa0007 "<next instruction>"  (context window full: better a new job with a hand-off; or: codex-agent kill aaaa0007)',
    });
    // Every failed job says why; a failure with no error on record says that.
    expect(v.items.find((i) => i.id === 'aaaa0009')!.reason).toBe('failed (no reason recorded)');
    for (const i of v.items) expect(i.reason === null, i.id).toBe(i.status !== 'failed');
    // An idle job's time runs to when it completed, not to now.
    expect(v.items.find((i) => i.id === 'aaaa0006')!.elapsed_ms).toBe(5 * 60_000);

    const text = renderRecover(v);
    for (const other of ['bbbb0001', 'bbbb0003', 'cccc0001', 'aaaa0004', 'aaaa0008']) expect(text).not.toContain(other);
    expect(text).toContain('(3 active job(s) of other sessions not listed; leave them alone.)');
    expect(text).toMatch(/^codex-agent: your Codex army \(session session-me\): 8 job\(s\) need attention, 2 done and read\.\n/);
    expect(text).toMatch(/Finished since you last looked[^\n]*\n- aaaa0002 exec 5m00s "Wrote a.ts." files: a.ts → codex-agent await-turn aaaa0002/);
    expect(text).toMatch(/Idle, awaiting instructions:\n- aaaa0003 exec/);
    expect(text).toContain("- aaaa0007 exec 10m00s [failed: Codex ran out of room in the model's context window.] → codex-agent send aaaa0007");
  });

  it('with no session, every job is this general’s', () => {
    const v = recoverView(records, null, NOW);
    expect(v.others_active).toBe(0);
    const groups = Object.fromEntries(v.items.map((i) => [i.id, i.group]));
    expect(groups).toMatchObject({ bbbb0001: 'running', bbbb0002: 'idle', bbbb0003: 'idle', bbbb0004: 'finished', cccc0001: 'running' });
    expect(v.items).toHaveLength(13);
    expect(v.settled).toBe(2);
    expect(renderRecover(v)).toMatch(/^codex-agent: your Codex army \(all sessions\)/);
  });

  it('does not modify the records', () => {
    const before = structuredClone(records);
    recoverView(records, ME, NOW);
    expect(records).toEqual(before);
  });

  it('stays under 2,500 characters for 20 jobs with long answers and many files', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      job(`dddd${String(i).padStart(4, '0')}`, {
        runner: RUNNER,
        turns: [turn(1, 'completed', 'A long final answer that goes on and on about everything the agent did. '.repeat(20))],
        consumed_turns: 0,
        last_message: 'A long final answer that goes on and on about everything the agent did. '.repeat(20),
        files_modified: Array.from({ length: 12 }, (_, k) => `/tmp/rec/w2/src/module-${k}/file-with-a-long-name-${k}.ts`),
      }),
    );
    const text = renderRecover(recoverView(many, ME, NOW));
    expect(text.length).toBeLessThanOrEqual(2_500);
    for (const r of many) expect(text).toContain(r.id);
  });

  it('lists unreadable records with the reason and the way out, for every general, instead of leaving them out', () => {
    const corrupt = [{ id: 'eeee0001', reason: 'not valid JSON' }];
    const v = recoverView(records, ME, NOW, corrupt);
    expect(v.corrupt).toEqual([{ id: 'eeee0001', reason: 'not valid JSON', next: 'codex-agent delete eeee0001 --force' }]);
    const text = renderRecover(v);
    expect(text).toMatch(/^codex-agent: your Codex army \(session session-me\): 8 job\(s\) need attention, 2 done and read, 1 unreadable\.\n/);
    expect(text).toContain('Unreadable records (whose job it was is unknown; inspect the file, or delete the job):\n- eeee0001 [corrupt: not valid JSON] → codex-agent delete eeee0001 --force');
    // None: no field, and the text as before.
    expect(recoverView(records, ME, NOW).corrupt).toBeUndefined();
    expect(renderRecover(recoverView(records, ME, NOW, []))).not.toContain('nreadable');
  });
});
