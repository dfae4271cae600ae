// The context bill: the standard loop (start 3 agents, await-turn each, jobs --json), piped as
// Claude's Bash tool runs it, counted in bytes (stdout and stderr); real Codex, scripted model.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { DIRECTIVES, scriptedPlan } from '../../src/mock/plan.js';
import { billLines, ORIGINAL_LOOP_BYTES, REPORT, runLoop, type AnswerLength } from '../context-loop.js';
import { setUpReal, tearDownReal } from '../real.js';
import type { SectionData } from '../results.js';

/** What this loop printed before compact JSON, the lean start and the lean jobs view (dist of 54148f2). */
const BEFORE_BYTES: Record<AnswerLength, number> = { 'one-line': 4_203, '400-char': 6_002 };

function label(args: string[]): string {
  return args[0] === 'start' ? 'start "<task>"' : args[0] === 'await-turn' ? 'await-turn <id>' : args.join(' ');
}

export async function benchLoop(root: string): Promise<SectionData['loop']> {
  const real = await setUpReal(join(root, 'loop'), scriptedPlan({ ...DIRECTIVES, REPORT }));
  const runs: SectionData['loop']['runs'] = [];
  try {
    console.log(`context bill of the standard loop (3 x start, 3 x await-turn, jobs --json; stdout+stderr piped, the general's session set; budget ${ORIGINAL_LOOP_BYTES} B, the original tool's):`);
    for (const length of ['one-line', '400-char'] as AnswerLength[]) {
      const project = join(real.root, `project-${length}`);
      mkdirSync(project, { recursive: true });
      const env: Record<string, string | undefined> = { ...real.env, CODEX_AGENT_HOME: join(real.root, `state-${length}`), CODEX_AGENT_CODEX_BIN: join(process.cwd(), 'node_modules', '.bin', 'codex') };
      const bill = await runLoop({ bin: join(process.cwd(), 'bin', 'codex-agent'), env, cwd: project }, length);
      for (const id of bill.ids) await execa(process.execPath, ['bin/codex-agent', 'kill', id], { env, reject: false, timeout: 60_000 });
      const met = bill.total_bytes <= ORIGINAL_LOOP_BYTES ? 'within budget' : 'OVER budget';
      console.log(`  ${length} answers: ${bill.total_bytes} B in all · before: ${BEFORE_BYTES[length]} B · ${met}`);
      for (const line of billLines(bill)) console.log(`    ${line}`);
      runs.push({
        answers: length,
        total_bytes: bill.total_bytes,
        commands: bill.commands.map((c) => ({ command: label(c.args), bytes: c.stdout_bytes + c.stderr_bytes, stderr_bytes: c.stderr_bytes })),
      });
    }
  } finally {
    await tearDownReal(real);
  }
  return { budget_bytes: ORIGINAL_LOOP_BYTES, runs };
}
