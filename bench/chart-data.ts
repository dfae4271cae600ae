// What the chart shows, from the results: panels of rows, each a median with its p95. Pure.
import type { BenchResults, Mode } from './results.js';

export interface ChartRow {
  label: string;
  median: number;
  /** Null for a single figure (bytes): no whisker. */
  p95: number | null;
}

export interface ChartPanel {
  title: string;
  unit: string;
  rows: ChartRow[];
  /** A reference drawn across the panel (a budget or target), if any. */
  marker?: { value: number; label: string };
}

const K = (n: number): string => n.toLocaleString('en-US');

function modeLabel(mode: Mode): string {
  return mode === 'exec' ? 'exec' : 'interactive';
}

export function chartPanels(results: BenchResults): ChartPanel[] {
  const s = results.sections;
  const panels: ChartPanel[] = [];
  if (s.wake) {
    panels.push({
      title: 'Turn wake-up: task_complete to await-turn exit',
      unit: 'ms',
      rows: s.wake.data.modes.map((m) => ({ label: modeLabel(m.mode), median: m.latency_ms.median, p95: m.latency_ms.p95 })),
      marker: { value: s.wake.data.target_ms.median, label: `target median ${s.wake.data.target_ms.median} ms` },
    });
  }
  if (s.startup) {
    const d = s.startup.data;
    panels.push({
      title: 'Whole commands, wall time of a fresh process',
      unit: 'ms',
      rows: [
        { label: 'node -e 0 (bare Node)', median: d.bare_node_ms.median, p95: d.bare_node_ms.p95 },
        ...d.cases.map((c) => ({
          label: c.command === '--version' ? '--version' : `${c.command}, ${K(c.finished_jobs)} finished`,
          median: c.ms.median,
          p95: c.ms.p95,
        })),
      ],
    });
  }
  if (s.fleet) {
    const sizes = s.fleet.data.modes.flatMap((m) => m.sizes.map((z) => ({ mode: m.mode, z })));
    panels.push({
      title: 'Agents started at once: our overhead per job beyond Codex',
      unit: 'ms',
      rows: sizes.map(({ mode, z }) => ({ label: `${modeLabel(mode)}, ${z.agents} at once`, median: z.overhead_ms.median, p95: z.overhead_ms.p95 })),
    });
    panels.push({
      title: `Agents started at once: time until every first turn is answered, the model taking ${s.fleet.data.turn_sleep_ms / 1000} s`,
      unit: 's',
      rows: sizes.map(({ mode, z }) => ({ label: `${modeLabel(mode)}, ${z.agents} at once`, median: z.all_first_turns_ms.median / 1000, p95: z.all_first_turns_ms.p95 / 1000 })),
      marker: { value: s.fleet.data.turn_sleep_ms / 1000, label: "the model's answer time" },
    });
    panels.push({
      title: 'Resident memory per job (its tmux pane processes)',
      unit: 'MB',
      rows: sizes.flatMap(({ mode, z }) => [
        { label: `${modeLabel(mode)}, ${z.agents} at once, working`, median: z.working_mb.median, p95: z.working_mb.p95 },
        { label: `${modeLabel(mode)}, ${z.agents} at once, idle`, median: z.idle_mb.median, p95: z.idle_mb.p95 },
      ]),
    });
  } else if (s.memory) {
    panels.push({
      title: 'Resident memory per idle job (its tmux pane processes)',
      unit: 'MB',
      rows: s.memory.data.modes.map((m) => ({ label: `${modeLabel(m.mode)}, idle`, median: m.per_job_mb.median, p95: m.per_job_mb.p95 })),
    });
  }
  if (s.loop) {
    panels.push({
      title: "The standard loop: bytes into Claude's context",
      unit: 'B',
      rows: s.loop.data.runs.map((r) => ({ label: `${r.answers} answers`, median: r.total_bytes, p95: null })),
      marker: { value: s.loop.data.budget_bytes, label: `budget ${K(s.loop.data.budget_bytes)} B` },
    });
  }
  return panels;
}
