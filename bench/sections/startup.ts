// Whole commands as the user runs them (bin/codex-agent on the committed dist/), against state
// roots of 0, 1,000 and 10,000 finished jobs. Each run is a fresh process paired with a bare
// `node -e 0` just before it, so a drift of the machine hits both; a command's cost is what it
// takes over bare Node.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { JobStore } from '../../src/store/job-store.js';
import type { FinishedRoot } from '../fixtures.js';
import type { SectionData } from '../results.js';
import { brief, fmt, stats } from '../stats.js';

const TARGET_MS = 40;
/** Median cost over bare Node with the single 1.7 MB bundle, on the machine these numbers were first taken on (10,000 jobs). */
const BEFORE_MS: Record<string, number> = { '--version': 63, status: 68, 'jobs --json': 75, 'await-turn': 71 };

interface Case {
  command: string;
  root: FinishedRoot;
  args: string[];
  /** Runs before each timed run, untimed. */
  prepare?: () => void;
  check: (code: number | null, stdout: string) => boolean;
}

function timeProcess(argv: string[], env: NodeJS.ProcessEnv): { ms: number; code: number | null; stdout: string; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  return { ms, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function envFor(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('CODEX_AGENT_')) env[k] = v;
  env.CODEX_AGENT_HOME = home;
  env.CODEX_AGENT_TMUX_SOCKET = `codex-agent-bench-startup-${process.pid}`;
  return env;
}

function casesFor(roots: readonly FinishedRoot[]): Case[] {
  const largest = roots.at(-1)!;
  const cases: Case[] = [{ command: '--version', root: roots[0]!, args: ['--version'], check: (code, out) => code === 0 && /^\d+\.\d+\.\d+/.test(out) }];
  for (const root of roots) {
    cases.push({ command: 'status', root, args: ['status', root.target], check: (code, out) => code === 0 && out.startsWith(`job ${root.target}: completed`) });
  }
  for (const root of roots) {
    const listed = Math.min(20, root.finished + 1);
    cases.push({ command: 'jobs --json', root, args: ['jobs', '--json'], check: (code, out) => code === 0 && (JSON.parse(out) as { jobs: unknown[] }).jobs.length === listed });
  }
  // The target's finished turn is marked unread again before every run.
  const store = new JobStore(largest.home);
  cases.push({
    command: 'await-turn',
    root: largest,
    args: ['await-turn', largest.target],
    prepare: () => store.update(largest.target, (d) => {
      d.consumed_turns = 0;
    }),
    check: (code, out) => code === 0 && out.trim() === 'answer -1',
  });
  return cases;
}

export function benchStartup(roots: readonly FinishedRoot[], quick: boolean): SectionData['startup'] {
  const runs = quick ? 8 : 30;
  const warmup = quick ? 1 : 3;
  const cases = casesFor(roots);
  console.log(`whole commands (${cases.length} cases, ${runs} runs each after ${warmup} warm-up rounds, each right after a bare \`node -e 0\`):`);
  const bareMs: number[] = [];
  const ms = cases.map(() => [] as number[]);
  const over = cases.map(() => [] as number[]);
  for (let i = 0; i < warmup + runs; i++) {
    // Each command right after a bare node of its own (the pair's difference is its cost), the
    // order of the commands turning each round.
    for (let k = 0; k < cases.length; k++) {
      const at = (i + k) % cases.length;
      const c = cases[at]!;
      const env = envFor(c.root.home);
      const b = timeProcess(['-e', '0'], env);
      c.prepare?.();
      const r = timeProcess(['bin/codex-agent', ...c.args], env);
      if (b.code !== 0 || !c.check(r.code, r.stdout)) {
        throw new Error(`bench: codex-agent ${c.args.join(' ')} (${c.root.finished} finished jobs) exited ${r.code}; stdout: ${r.stdout.slice(0, 300)} stderr: ${r.stderr.slice(0, 300)}`);
      }
      if (i < warmup) continue;
      bareMs.push(b.ms);
      ms[at]!.push(r.ms);
      over[at]!.push(r.ms - b.ms);
    }
    if ((i + 1) % 10 === 0) console.log(`  ... round ${i + 1} of ${warmup + runs}`);
  }
  const data: SectionData['startup'] = {
    runs,
    warmup,
    target_ms: TARGET_MS,
    bare_node_ms: stats(bareMs),
    cases: cases.map((c, k) => ({ command: c.command, finished_jobs: c.root.finished, ms: stats(ms[k]!), over_node_ms: stats(over[k]!) })),
  };
  console.log(`  ${'node -e 0'.padEnd(26)} ${brief(data.bare_node_ms, 'ms', 1)}`);
  for (const c of data.cases) {
    const met = c.over_node_ms.median <= TARGET_MS ? 'meets target' : 'MISSES target';
    const before = c.finished_jobs === roots.at(-1)!.finished ? BEFORE_MS[c.command] : undefined;
    const label = `${c.command} (${c.finished_jobs} finished)`;
    console.log(
      `  ${label.padEnd(26)} ${brief(c.ms, 'ms', 1)} · over bare node: median +${fmt(c.over_node_ms.median, 1)} ms, p95 +${fmt(c.over_node_ms.p95, 1)} ms · ${met}${before === undefined ? '' : ` · before: median +${before} ms`}`,
    );
  }
  return data;
}
