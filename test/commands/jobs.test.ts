// The jobs table for people: a GENERAL column exactly when jobs of more than one general (no
// general counting as one) are listed; and which session --parent / --parent-session / --mine pick.
import { describe, expect, it } from 'vitest';
import { generalOf, renderJobs, type JobsPayload } from '../../src/commands/jobs.js';
import type { Context } from '../../src/context.js';
import { UsageError } from '../../src/errors.js';
import type { JobListEntry } from '../../src/jobs/view.js';

function entry(id: string, parent: string | null, over: Partial<JobListEntry> = {}): JobListEntry {
  return {
    id,
    status: 'completed',
    turn_state: 'idle',
    turns: 1,
    elapsed_ms: 65_000,
    tokens: { input: 100, output: 10, context_used_pct: 1 },
    files_modified: [],
    summary: 'Done.',
    answer_chars: 5,
    error: null,
    parent_session: parent,
    ...over,
  };
}

const payload = (jobs: JobListEntry[]): JobsPayload => ({ generated_at: '2026-11-24T08:00:00.000Z', jobs });

describe('renderJobs', () => {
  const A = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

  it('has no GENERAL column when every job has the same general, or none', () => {
    for (const parent of [A, null]) {
      const text = renderJobs(payload([entry('aaaa0001', parent), entry('aaaa0002', parent)]), new Map([['aaaa0001', 'Audit   the\nauth module']]));
      const [head, first, second] = text.split('\n');
      expect(head).toMatch(/^ID {8}STATUS +TURN +ELAPSED {2}TASK$/);
      expect(text).not.toContain('GENERAL');
      expect(text).not.toContain(A);
      expect(first).toBe('aaaa0001  completed idle            1m05s  Audit the auth module · Done.');
      expect(second).toBe('aaaa0002  completed idle            1m05s   · Done.');
    }
  });

  it('shows each job\'s general when two are listed, a job of none counting as one', () => {
    for (const other of ['session-b', null]) {
      const text = renderJobs(payload([entry('aaaa0001', A), entry('bbbb0001', other, { error: 'the runner was killed by SIGKILL', files_modified: ['a.ts', 'b.ts'] })]));
      const lines = text.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^ID {8}GENERAL {${A.length - 'GENERAL'.length + 2}}STATUS`));
      expect(lines[1]).toMatch(new RegExp(`^aaaa0001  ${A}  completed idle`));
      expect(lines[2]).toMatch(new RegExp(`^bbbb0001  ${(other ?? '-').padEnd(A.length)}  completed idle .* · 2 file\\(s\\) · the runner was killed by SIGKILL$`));
    }
  });

  it('puts agent and user text on one clean line: no escape sequence or control reaches the terminal', () => {
    const text = renderJobs(
      payload([
        entry('aaaa0001', null, { summary: 'All \x1b]0;owned\x07done\n\x1b[2Jhere' }),
        entry('aaaa0002', null, { error: 'codex said:\n\x1b[31mboom\x1b[0m\r' }),
      ]),
      new Map([['aaaa0001', 'Fix\x1b[8m the \x9b2J bug']]),
    );
    const [, first, second] = text.split('\n');
    expect(text.split('\n')).toHaveLength(3);
    expect(first).toBe('aaaa0001  completed idle            1m05s  Fix the bug · All done here');
    expect(second).toBe('aaaa0002  completed idle            1m05s   · codex said: boom');
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });

  it('says how to start when there is nothing to list', () => {
    expect(renderJobs(payload([]))).toBe('No jobs. Start one with: codex-agent start "<task>"');
  });
});

describe('generalOf', () => {
  const ctx = (parentSession?: string) => ({ config: { parentSession } }) as unknown as Context;

  it('takes --parent as --parent-session, checked the same way', () => {
    expect(generalOf(ctx(), { parent: 'session-b' })).toBe('session-b');
    expect(generalOf(ctx('mine'), { parentSession: 'session-b', mine: true })).toBe('session-b');
    expect(generalOf(ctx(), { parent: 'session-b', parentSession: 'session-b' })).toBe('session-b');
    expect(() => generalOf(ctx(), { parent: 'a b' })).toThrow(/--parent: invalid session id "a b"/);
    expect(() => generalOf(ctx(), { parent: 'a', parentSession: 'b' })).toThrow(UsageError);
  });

  it('--mine is the exported session, and needs one', () => {
    expect(generalOf(ctx('mine'), { mine: true })).toBe('mine');
    expect(generalOf(ctx('mine'), {})).toBeUndefined();
    expect(() => generalOf(ctx(), { mine: true })).toThrow(/--mine needs CODEX_AGENT_PARENT_SESSION/);
  });
});
