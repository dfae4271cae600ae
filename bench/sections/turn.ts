// A real Codex exec turn through tmux, as the user runs it: start, then await-turn for the answer.
import { performance } from 'node:perf_hooks';
import { awaitTurnOk, cli, startJob, type Real } from '../real.js';
import type { SectionData } from '../results.js';
import { brief, stats } from '../stats.js';

export async function benchTurn(real: Real, quick: boolean): Promise<SectionData['turn']> {
  const runs = quick ? 3 : 7;
  const starts: number[] = [];
  const turns: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const id = await startJob(real, `MOCK:SAY bench ${i}`, false);
    const t1 = performance.now();
    await awaitTurnOk(real, id, `bench ${i}`);
    turns.push(performance.now() - t0);
    starts.push(t1 - t0);
    await cli(real, ['kill', id]);
  }
  const data = { start_returns_ms: stats(starts), start_to_answer_ms: stats(turns) };
  console.log('real Codex exec turn via tmux:');
  console.log(`  start returns:   ${brief(data.start_returns_ms, 'ms')}`);
  console.log(`  start to answer: ${brief(data.start_to_answer_ms, 'ms')}`);
  return data;
}
