// Turn wake-up latency as the user waits: from Codex writing task_complete to await-turn exiting.
// One job per mode; each turn is sent, then await-turn is started and its exit timed.
import { join } from 'node:path';
import type { Mode, SectionData } from '../results.js';
import { awaitTurnOk, cli, cliOk, rolloutFile, spawnAwaitTurn, startJob, status, statusLine, taskCompleteOf, waitFor, type Real, type StatusJson } from '../real.js';
import { brief, fmt, full, stats } from '../stats.js';

const TURN_SLEEP_MS = 1500;
const BEFORE_MS: Record<Mode, number> = { exec: 1066, interactive: 1708 };
const TARGET_MS = { median: 50, p95: 150 };

type WakeMode = SectionData['wake']['modes'][number];

async function wakeOf(real: Real, mode: Mode, turns: number): Promise<WakeMode> {
  const id = await startJob(real, `MOCK:SAY first ${mode} turn`, mode === 'interactive');
  try {
    await awaitTurnOk(real, id, `first ${mode} turn`);
    let last: StatusJson | null = null;
    const threadId = await waitFor(`job ${id}'s thread id`, 10_000, async () => (last = await status(real, id)).thread_id, () => statusLine(last), 200);
    await waitFor(`the rollout file of thread ${threadId}`, 10_000, () => rolloutFile(real, threadId), () => `nothing under ${join(real.codexHome, 'sessions')}`, 100);
    const latencies: number[] = [];
    const leads: number[] = [];
    const sends: number[] = [];
    for (let n = 1; n <= turns; n++) {
      const answer = `turn ${n}`;
      const sendAt = Date.now();
      await cliOk(real, ['send', id, `MOCK:SLEEP ${TURN_SLEEP_MS} MOCK:SAY ${answer}`]);
      sends.push(Date.now() - sendAt);
      const w = spawnAwaitTurn(real, id, 75_000);
      const ex = await w.exited;
      if (ex.code !== 0 || ex.stdout.trim() !== answer) {
        throw new Error(`bench: ${mode} job ${id}, turn ${n}: await-turn exited ${ex.code ?? ex.signal} with ${JSON.stringify(ex.stdout.trim())}, expected 0 with ${JSON.stringify(answer)}; stderr: ${ex.stderr.trim()}`);
      }
      const done = await taskCompleteOf(real, threadId, answer, sendAt);
      latencies.push(ex.exitAt - done.at);
      leads.push(done.at - w.spawnAt);
      if (n % 5 === 0) console.log(`  ... ${mode}: ${n} of ${turns} turns`);
    }
    return { mode, latency_ms: stats(latencies), lead_ms: stats(leads), send_ms: stats(sends) };
  } finally {
    await cli(real, ['kill', id]).catch(() => undefined);
  }
}

export async function benchWake(real: Real, quick: boolean): Promise<SectionData['wake']> {
  const turns = quick ? 4 : 20;
  console.log(`turn wake-up latency (${turns} turns per mode, each "MOCK:SLEEP ${TURN_SLEEP_MS} MOCK:SAY turn N"):`);
  const modes = [await wakeOf(real, 'exec', turns), await wakeOf(real, 'interactive', turns)];
  console.log(`  rollout task_complete timestamp -> await-turn process exit observed (await-turn started right after send; target median <= ${TARGET_MS.median} ms, p95 <= ${TARGET_MS.p95} ms)`);
  for (const r of modes) {
    const met = r.latency_ms.median <= TARGET_MS.median && r.latency_ms.p95 <= TARGET_MS.p95 ? 'meets target' : 'MISSES target';
    console.log(`  ${r.mode.padEnd(11)} ${full(r.latency_ms, 'ms')} · before: median ${BEFORE_MS[r.mode]} ms · ${met}`);
    console.log(`  ${''.padEnd(11)} (await-turn was started ${fmt(r.lead_ms.min, 0)}-${fmt(r.lead_ms.max, 0)} ms before the turn ended; send returned in ${brief(r.send_ms, 'ms')})`);
    if (r.lead_ms.min < 500) console.log(`  ${''.padEnd(11)} WARNING: an await-turn started only ${fmt(r.lead_ms.min, 0)} ms before its turn ended; it may not have been waiting yet`);
  }
  return { turn_sleep_ms: TURN_SLEEP_MS, target_ms: TARGET_MS, modes };
}
