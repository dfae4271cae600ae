// The context bill (issue 9): the standard loop (start 3 agents, await-turn each, jobs --json),
// piped as Claude's Bash tool runs it and with the plugin's session set, prints at most the
// original tool's 2,363 bytes, while jobs --json carries every job's tokens, files changed, the
// gist of its answer and its general. Real Codex, real tmux, the scripted model; byte counts are
// deterministic up to a digit of a token count or a duration, so the bound is asserted as is.
// The project folder is the harness's temp dir (about the length of a real one); no output of
// the loop prints it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billLines, LOOP_SESSION, ORIGINAL_LOOP_BYTES, REPORT, runLoop, type AnswerLength } from '../../bench/context-loop.js';
import { scriptedPlan } from '../../src/mock/plan.js';
import { startModelServer } from '../../src/mock/server.js';
import { SUMMARY_READ } from '../../src/jobs/view.js';
import { JobStore } from '../../src/store/job-store.js';
import { E2E, ROOT } from '../support/e2e.js';
import { TEST_DIRECTIVES } from '../support/mock-plan.js';

interface JobsJson {
  generated_at: string;
  jobs: {
    id: string;
    status: string;
    turn_state: string;
    turns: number;
    tokens: { input: number; output: number; context_used_pct: number | null } | null;
    files_modified: string[];
    summary: string | null;
    answer_chars: number | null;
    error: string | null;
    parent_session: string | null;
  }[];
}

let e: E2E;
const homes: string[] = [];
beforeAll(async () => {
  e = await E2E.create('bill');
  // The harness's model, on the same port (Codex is configured with it), plus MOCK:REPORT.
  const port = e.server.port;
  await e.server.close();
  e.server = await startModelServer({ port, plan: scriptedPlan({ ...TEST_DIRECTIVES, REPORT }) });
});
afterAll(async () => {
  for (const home of homes) {
    for (const id of new JobStore(home).allIds()) {
      await e.cli(['kill', id], { env: { CODEX_AGENT_HOME: home } });
    }
  }
  await e.dispose();
});

describe('the standard loop, piped', () => {
  it.each<AnswerLength>(['one-line', '400-char'])(`prints at most ${ORIGINAL_LOOP_BYTES} bytes with %s answers, jobs --json carrying tokens, files and answers`, async (length) => {
    const home = join(e.root, `state-${length}`);
    homes.push(home);
    const project = join(e.root, `project-${length}`);
    mkdirSync(project);
    const bill = await runLoop({ bin: join(ROOT, 'bin', 'codex-agent'), env: { ...e.env, CODEX_AGENT_HOME: home }, cwd: project }, length);
    const report = billLines(bill).join('\n');

    expect(bill.total_bytes, report).toBeLessThanOrEqual(ORIGINAL_LOOP_BYTES);
    const [starts, awaits, [jobs]] = [bill.commands.slice(0, 3), bill.commands.slice(3, 6), bill.commands.slice(6)];
    // start: the id line alone; await-turn: the answer alone; nothing on stderr.
    for (const [i, c] of starts.entries()) expect(c.stdout).toBe(`Job started: ${bill.ids[i]}\n`);
    for (const [i, c] of awaits.entries()) expect(c.stdout).toBe(`${bill.jobs[i]!.answer}\n`);
    for (const c of bill.commands) expect(c.stderr_bytes, c.args.join(' ')).toBe(0);

    // jobs --json: one line (not a terminal), every job with its tokens, files, answer and general.
    expect(jobs!.stdout.indexOf('\n')).toBe(jobs!.stdout.length - 1);
    const listed = JSON.parse(jobs!.stdout) as JobsJson;
    expect(listed.jobs.map((j) => j.id).sort()).toEqual([...bill.ids].sort());
    for (const [i, id] of bill.ids.entries()) {
      const j = listed.jobs.find((x) => x.id === id)!;
      const { answer, file } = bill.jobs[i]!;
      expect(j).toMatchObject({ status: 'completed', turn_state: 'idle', turns: 1, files_modified: [file], error: null, parent_session: LOOP_SESSION });
      expect(j.tokens!.input).toBeGreaterThan(0);
      expect(j.tokens!.output).toBeGreaterThan(0);
      expect(j.tokens!.context_used_pct).toBeGreaterThan(0);
      // The answer was just read through await-turn: its start, and its length to say it was cut.
      expect(j.answer_chars).toBe(answer.length);
      expect(j.summary).toBe(answer.length <= SUMMARY_READ ? answer : `${answer.slice(0, SUMMARY_READ - 1)}…`);
    }
  });
});
