// `selftest`: the main job on a fresh machine, no OpenAI account needed.
import { EXIT } from '../errors.js';
import { runSelftest, type StepResult } from '../selftest/selftest.js';

/** `selftest`. */
export async function selftestCommand(opts: { keep?: boolean; json?: boolean }): Promise<void> {
  const line = (s: StepResult): void => {
    if (!opts.json) process.stdout.write(`${!s.ok ? 'FAIL' : s.skipped ? 'SKIP' : 'PASS'}  ${s.name}  (${(s.ms / 1000).toFixed(2)}s)  ${s.detail}\n`);
  };
  if (!opts.json) process.stdout.write('codex-agent selftest: real Codex (and Gemini, when installed) agents against local stand-in models (no network)\n');
  const result = await runSelftest({ keep: opts.keep, onStep: line });
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(`selftest ${result.ok ? 'passed' : 'FAILED'}: ${result.steps.filter((s) => s.ok).length} of ${result.steps.length} steps in ${(result.ms / 1000).toFixed(1)}s\n`);
    if (result.state_root) process.stdout.write(`state kept in ${result.state_root}\n`);
  }
  if (!result.ok) process.exitCode = EXIT.failure;
}
