// Model failures end a job as failed, with the model's reason, and await-turn says so by exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E } from '../support/e2e.js';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('fail');
});
afterAll(async () => {
  await e.dispose();
});

interface StatusJson {
  status: string;
  turn_state: string;
  error: string | null;
  error_kind: string | null;
  exit_code: number | null;
}

describe('model failures', () => {
  it('a 401 fails the job with the reason, and await-turn exits 4', async () => {
    const id = await e.start('MOCK:FAIL 401');
    // Codex retries 5 times (about 7 s); the bound is generous, never a timing assertion.
    const res = await e.cli(['await-turn', id, '--timeout', '60']);
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(/turn 1 failed: .*401 Unauthorized/);
    // The turn ends at Codex's turn.failed; its exit code follows when the process is gone.
    let s = await e.json<StatusJson>(['status', id]);
    for (let i = 0; i < 100 && s.exit_code === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await e.json<StatusJson>(['status', id]);
    }
    expect(s).toMatchObject({ status: 'failed', turn_state: 'idle', error_kind: 'unauthorized', exit_code: 1 });
    expect(s.error).toContain('401');
    const text = await e.cli(['status', id]);
    expect(text.stdout).toMatch(/error: .*401 Unauthorized.*\[unauthorized\]/);
  });

  it('a full context window sets context_limit and await-turn exits 5', async () => {
    const id = await e.start('MOCK:CONTEXT');
    const res = await e.json<{ outcome: string; exit_code: number; error: string }>(['await-turn', id, '--timeout', '60'], 5);
    expect(res.outcome).toBe('context_limit');
    expect(res.error).toContain("ran out of room in the model's context window");
    const s = await e.json<StatusJson>(['status', id]);
    expect(s).toMatchObject({ status: 'failed', turn_state: 'context_limit', error_kind: 'context_window' });
  });

  it('a stream cut before completion fails the turn with the disconnect reason', async () => {
    const id = await e.start('MOCK:CUT');
    const res = await e.cli(['await-turn', id, '--timeout', '90']);
    expect(res.code).toBe(4);
    const s = await e.json<StatusJson>(['status', id]);
    expect(s.status).toBe('failed');
    expect(s.error_kind).toBe('stream_disconnected');
  });

  it('a failed job can be continued with send; the next turn can succeed', async () => {
    const id = await e.start('MOCK:CONTEXT');
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).code).toBe(5);
    expect((await e.cli(['send', id, 'MOCK:SAY recovered'])).code).toBe(0);
    const a = await e.json<{ message: string; turn: number }>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ message: 'recovered', turn: 2 });
    const s = await e.json<StatusJson>(['status', id]);
    expect(s).toMatchObject({ status: 'completed', error: null });
  });
});
