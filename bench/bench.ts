// Benchmarks that report medians: listing cost against history size, await-turn wake-up latency,
// and a real Codex turn from start to answer. Run with `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { awaitTurn } from '../src/commands/await-turn.js';
import { loadConfig } from '../src/config.js';
import type { Context } from '../src/context.js';
import { prepareCodexHome } from '../src/mock/codex-home.js';
import { startModelServer } from '../src/mock/server.js';
import { newId } from '../src/store/ids.js';
import { JobStore } from '../src/store/job-store.js';
import type { JobRecord } from '../src/store/record.js';
import { newJobRecord } from '../src/jobs/new-record.js';
import { Tmux } from '../src/tmux/tmux.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function record(id: string, status: JobRecord['status'], runnerPid: number | null): JobRecord {
  const r = newJobRecord({
    id, mode: 'exec', prompt_head: 'bench', model: null, reasoning: null, sandbox: 'read-only', cwd: '/tmp',
    codex_bin: '/bin/false', tmux_socket: null, inactivity_timeout_minutes: 60,
  });
  return { ...r, status, runner_pid: runnerPid, turn_state: status === 'running' ? 'working' : 'idle' };
}

function benchList(root: string): void {
  console.log('jobs listing (10 active jobs, --limit 20), median of 30 runs:');
  for (const finished of [100, 1_000, 10_000]) {
    const store = new JobStore(join(root, `list-${finished}`));
    for (let i = 0; i < finished; i++) store.create(record(newId(), 'completed', null), 'p');
    for (let i = 0; i < 10; i++) store.create(record(newId(), 'running', process.pid), 'p');
    const limited: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < 30; i++) {
      let t = performance.now();
      store.list({ limit: 20 });
      limited.push(performance.now() - t);
      if (i < 5) {
        t = performance.now();
        store.list({ limit: 20, all: true });
        all.push(performance.now() - t);
      }
    }
    console.log(`  ${String(finished).padStart(6)} finished jobs: list ${median(limited).toFixed(2)} ms · list --all ${median(all).toFixed(1)} ms`);
  }
}

async function benchAwaitWake(root: string): Promise<void> {
  const home = join(root, 'wake');
  const ctx: Context = { config: loadConfig({ CODEX_AGENT_HOME: home }), store: new JobStore(home), tmux: new Tmux({ socket: 'bench-unused' }), env: {} };
  const id = newId();
  ctx.store.create(record(id, 'running', process.pid), 'p');
  const lat: number[] = [];
  for (let n = 1; n <= 30; n++) {
    ctx.store.update(id, (r) => {
      r.turns.push({ n, turn_id: null, status: 'running', started_at: new Date().toISOString(), completed_at: null, last_message: null, error: null, error_kind: null });
    });
    let finishedAt = 0;
    setTimeout(() => {
      ctx.store.update(id, (r) => {
        const t = r.turns[n - 1]!;
        t.status = 'completed';
        t.last_message = `turn ${n}`;
      });
      finishedAt = performance.now();
    }, 50);
    await awaitTurn(ctx, id, 10_000);
    lat.push(performance.now() - finishedAt);
  }
  console.log(`await-turn wake-up after a turn ends (fs.watch, 2 s fallback poll): median ${median(lat).toFixed(1)} ms over 30 turns`);
}

async function benchRealTurn(root: string): Promise<void> {
  const server = await startModelServer();
  const socket = `codex-agent-bench-${process.pid}`;
  const { env: codexEnv } = await prepareCodexHome(join(root, 'codex-home'), server.url);
  const env = { ...process.env, ...codexEnv, CODEX_AGENT_HOME: join(root, 'real'), CODEX_AGENT_TMUX_SOCKET: socket, CODEX_AGENT_CODEX_BIN: 'node_modules/.bin/codex' };
  const cli = (args: string[]) => execa(process.execPath, ['bin/codex-agent', ...args], { env, reject: false });
  const starts: number[] = [];
  const turns: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const s = await cli(['start', `MOCK:SAY bench ${i}`, '-d', root, '--json']);
      const t1 = performance.now();
      const id = (JSON.parse(s.stdout) as { id: string }).id;
      await cli(['await-turn', id, '--timeout', '60']);
      turns.push(performance.now() - t0);
      starts.push(t1 - t0);
      await cli(['kill', id]);
    }
  } finally {
    await new Tmux({ socket }).killServer().catch(() => false);
    await server.close();
  }
  console.log(`real Codex turn via tmux (start returns: median ${median(starts).toFixed(0)} ms; start to answer: median ${median(turns).toFixed(0)} ms over 7 jobs)`);
}

const root = mkdtempSync(join(tmpdir(), 'codex-agent-bench-data-'));
try {
  benchList(root);
  await benchAwaitWake(root);
  await benchRealTurn(root);
} finally {
  rmSync(root, { recursive: true, force: true });
}
