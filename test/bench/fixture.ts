// A full results object, every section filled, with figures easy to find in the rendered text.
import type { BenchResults, Machine } from '../../bench/results.js';
import type { Stats } from '../../bench/stats.js';

export const MACHINE: Machine = {
  cpu: 'Test CPU 9000',
  cores: 2,
  ram_gib: 7.8,
  os: 'Debian GNU/Linux 12 (bookworm) (Linux 6.1.0)',
  node: 'v20.20.2',
  tmux: '3.3a',
  codex: '0.169.0',
};

export function st(median: number, p95: number, n = 10): Stats {
  return { n, median, p95, min: median / 2, max: p95 * 1.1 };
}

const AT = '2026-11-29T18:04:05.000Z';

function fleetSize(agents: number, base: number) {
  return {
    agents,
    rounds: 2,
    all_first_turns_ms: st(3500 + base * 10, 4200 + base * 10, 2),
    overhead_ms: st(300 + base, 900 + base, agents * 2),
    to_launch_ms: st(250 + base, 800 + base, agents * 2),
    to_answer_ms: st(50, 120, agents * 2),
    codex_ms: st(3300, 3600, agents * 2),
    working_mb: st(252.5, 254.5, agents * 2),
    idle_mb: st(0, 0, agents * 2),
    tmux_server_working_mb: st(4, 4.2, 2),
    tmux_server_idle_mb: st(3.9, 4, 2),
  };
}

export function fullResults(): BenchResults {
  const run = <T>(data: T) => ({ at: AT, machine: MACHINE, quick: false, data });
  return {
    version: 1,
    sections: {
      wake: run({
        turn_sleep_ms: 1500,
        target_ms: { median: 50, p95: 150 },
        modes: [
          { mode: 'exec' as const, latency_ms: st(41, 97, 20), lead_ms: st(1500, 1700, 20), send_ms: st(300, 500, 20) },
          { mode: 'interactive' as const, latency_ms: st(56, 180, 20), lead_ms: st(1400, 1600, 20), send_ms: st(500, 900, 20) },
        ],
      }),
      startup: run({
        runs: 30,
        warmup: 3,
        target_ms: 40,
        bare_node_ms: st(45, 60, 240),
        cases: [
          { command: '--version', finished_jobs: 0, ms: st(60, 70, 30), over_node_ms: st(15, 25, 30) },
          { command: 'status', finished_jobs: 0, ms: st(81, 95, 30), over_node_ms: st(36, 50, 30) },
          { command: 'status', finished_jobs: 10_000, ms: st(83, 99, 30), over_node_ms: st(38, 54, 30) },
          { command: 'jobs --json', finished_jobs: 1_000, ms: st(87, 111, 30), over_node_ms: st(42, 66, 30) },
        ],
      }),
      fleet: run({
        turn_sleep_ms: 3000,
        modes: [
          { mode: 'exec' as const, sizes: [fleetSize(1, 0), fleetSize(8, 100), fleetSize(16, 200)] },
          { mode: 'interactive' as const, sizes: [fleetSize(1, 10), fleetSize(16, 300)] },
        ],
      }),
      memory: run({
        jobs_per_mode: 4,
        modes: [
          { mode: 'exec' as const, per_job_mb: st(0, 0, 4), by_process_mb: {} as Record<string, number> },
          { mode: 'interactive' as const, per_job_mb: st(310.5, 312.5, 4), by_process_mb: { codex: 189.2, runner: 70, 'codex-launcher': 43.3 } },
        ],
      }),
      turn: run({ start_returns_ms: st(586, 900, 7), start_to_answer_ms: st(1242, 1800, 7) }),
      list: run({ active_jobs: 10, rows: [{ finished: 10_000, list_ms: st(0.34, 0.68, 30), list_all_ms: st(249, 337, 5) }] }),
      loop: run({
        budget_bytes: 2363,
        runs: [
          {
            answers: 'one-line' as const,
            total_bytes: 1707,
            commands: [
              { command: 'start "<task>"', bytes: 22, stderr_bytes: 0 },
              { command: 'start "<task>"', bytes: 22, stderr_bytes: 0 },
              { command: 'start "<task>"', bytes: 22, stderr_bytes: 0 },
              { command: 'await-turn <id>', bytes: 101, stderr_bytes: 0 },
              { command: 'await-turn <id>', bytes: 101, stderr_bytes: 0 },
              { command: 'await-turn <id>', bytes: 101, stderr_bytes: 0 },
              { command: 'jobs --json', bytes: 1338, stderr_bytes: 0 },
            ],
          },
        ],
      }),
    },
  };
}
