import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExecLine, type ExecEvent } from '../../src/providers/codex/exec-events.js';
import { parseRolloutLine } from '../../src/providers/codex/rollout.js';
import { findRolloutFile } from '../../src/providers/codex/rollout-file.js';
import { prepareCodexHome } from '../../src/mock/codex-home.js';
import { startModelServer, type ModelServer } from '../../src/mock/server.js';

const CODEX = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));
const haveCodex = existsSync(CODEX);
if (!haveCodex) console.warn(`codex-exec.test: skipped, no codex binary at ${CODEX} (npm install @openai/codex)`);

describe.skipIf(!haveCodex)('real codex exec against the mock model', () => {
  let root: string;
  let server: ModelServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'codex-exec-test-'));
    server = await startModelServer();
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the file and reports it through exec events and the rollout', async () => {
    const home = join(root, 'home');
    const work = join(root, 'work');
    await mkdir(work);
    const { env } = await prepareCodexHome(home, server.url);
    expect((await stat(home)).mode & 0o777).toBe(0o700);

    const run = await execa(CODEX, ['exec', '--strict-config', '--json', '--skip-git-repo-check', '-s', 'workspace-write', '-'], {
      cwd: work,
      input: 'MOCK:WRITE out/greeting.txt Hello from codex-exec test',
      // A private HOME keeps the user's shell profile out of the agent's commands.
      env: { ...env, HOME: root },
      reject: false,
      timeout: 45_000,
    });
    expect(run.exitCode, run.stderr).toBe(0);

    expect(await readFile(join(work, 'out/greeting.txt'), 'utf8')).toBe('Hello from codex-exec test\n');

    const events = run.stdout.split('\n').flatMap((l): ExecEvent[] => {
      const e = parseExecLine(l);
      return e ? [e] : [];
    });
    const kinds = events.map((e) => e.kind);
    expect(kinds[0]).toBe('thread_started');
    expect(kinds).toEqual(expect.arrayContaining(['turn_started', 'file_change', 'agent_message', 'turn_completed']));
    expect(kinds).not.toContain('turn_failed');
    const threadId = (events[0] as { threadId: string }).threadId;
    expect(events).toContainEqual({ kind: 'file_change', changes: [{ path: join(work, 'out/greeting.txt'), kind: 'add' }] });
    expect(events).toContainEqual({ kind: 'agent_message', text: 'Wrote out/greeting.txt.' });
    const done = events.find((e) => e.kind === 'turn_completed');
    expect(done?.kind === 'turn_completed' && done.usage.input).toBeGreaterThan(0);

    // Two model calls: the patch request, then the answer once the tool output came back.
    const posts = server.requests.filter((r) => r.path === '/v1/responses');
    expect(posts).toHaveLength(2);
    const lastInput = (posts[1]!.body as { input: { type: string }[] }).input.at(-1);
    expect(lastInput?.type).toBe('function_call_output');

    const file = await findRolloutFile(home, threadId);
    expect(file).not.toBeNull();
    const rollout = (await readFile(file!, 'utf8')).split('\n').flatMap((l) => {
      const e = parseRolloutLine(l);
      return e ? [e] : [];
    });
    expect(rollout[0]).toMatchObject({ kind: 'session_meta', threadId, cwd: work, originator: 'codex_exec' });
    expect(rollout.at(-1)).toMatchObject({ kind: 'task_complete', lastAgentMessage: 'Wrote out/greeting.txt.', error: null });
  });
});
