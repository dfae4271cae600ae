// The pure parts of the notify command, and the mark that keeps a job's reaping off it: a real
// process carrying the job's marker is found, one that also carries the mark is not.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { notifyEnv, notifyRun, userShell } from '../../src/jobs/notify-command.js';
import { NOT_THE_AGENT, pidsWithEnv } from '../../src/proc/table.js';
import { sleep } from '../../src/util/sleep.js';
import { makeRecord } from '../support/store-record.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('notifyRun', () => {
  it('says why a job failed or was cancelled, and nothing for a completed one', () => {
    const cmd = 'notify-send done';
    expect(notifyRun(makeRecord({ status: 'completed', notify_on_complete: cmd }), '/h')).toEqual({ id: 'abcd1234', status: 'completed', error: '', command: cmd, cwd: '/tmp/rec/w2', home: '/h' });
    expect(notifyRun(makeRecord({ status: 'failed', error: 'turn failed: 401', notify_on_complete: cmd }), '/h')?.error).toBe('turn failed: 401');
    expect(notifyRun(makeRecord({ status: 'cancelled', end_reason: 'killed by user', notify_on_complete: cmd }), '/h')?.error).toBe('killed by user');
    expect(notifyRun(makeRecord({ status: 'completed' }), '/h')).toBeNull();
    expect(notifyRun(makeRecord({ status: 'completed', notify_on_complete: null }), '/h')).toBeNull();
  });
});

describe('notifyEnv and userShell', () => {
  it("the caller's environment without tmux's pane markers, plus the job's facts and the mark", () => {
    const run = { id: 'abcd1234', status: 'failed' as const, error: 'boom', command: 'x', cwd: '/w', home: '/state' };
    const env = notifyEnv({ PATH: '/bin', TMUX: '/tmp/tmux-1/default,1,0', TMUX_PANE: '%1', CODEX_AGENT_HOME: '/other' }, run);
    expect(env).toEqual({
      PATH: '/bin',
      CODEX_AGENT_HOME: '/state',
      CODEX_AGENT_JOB_ID: 'abcd1234',
      CODEX_AGENT_STATUS: 'failed',
      CODEX_AGENT_ERROR: 'boom',
      CODEX_AGENT_NOTIFY: '1',
    });
    expect(`CODEX_AGENT_NOTIFY=${env.CODEX_AGENT_NOTIFY}`).toBe(NOT_THE_AGENT);
  });

  it('the login shell when it is an absolute path that exists, else /bin/sh', () => {
    expect(userShell({ SHELL: '/bin/sh' })).toBe('/bin/sh');
    expect(userShell({ SHELL: '/usr/bin/zsh' }, (p) => p === '/usr/bin/zsh')).toBe('/usr/bin/zsh');
    expect(userShell({ SHELL: '/no/such/shell' })).toBe('/bin/sh');
    expect(userShell({ SHELL: 'zsh' }, () => true)).toBe('/bin/sh');
    expect(userShell({})).toBe('/bin/sh');
  });
});

describe.skipIf(process.platform !== 'linux')('the mark, against a real process table', () => {
  it('pidsWithEnv finds the marker and skips a process that carries the mark too', async () => {
    const marker = `CODEX_AGENT_JOB_ID=fe${process.pid.toString(16).padStart(6, '0').slice(-6)}`;
    const [name, value] = marker.split('=') as [string, string];
    const agent = spawn('sleep', ['30'], { env: { PATH: process.env.PATH, [name]: value }, stdio: 'ignore' });
    const notify = spawn('sleep', ['30'], { env: { PATH: process.env.PATH, [name]: value, CODEX_AGENT_NOTIFY: '1' }, stdio: 'ignore' });
    children.push(agent, notify);
    let found: number[] = [];
    for (let i = 0; i < 100 && !found.includes(agent.pid!); i++) {
      await sleep(20);
      found = pidsWithEnv(marker);
    }
    expect(found).toContain(agent.pid);
    expect(found).not.toContain(notify.pid);
  });
});
