// What `npm run bench` keeps: the last results of each section with when and where they were
// taken (docs/benchmarks.json), so a section run alone replaces only its own figures. The schema
// is the one place the shape is defined; the renderers read only what it checked.
import * as z from 'zod';

const stats = z.object({
  n: z.number().int().positive(),
  median: z.number(),
  p95: z.number(),
  min: z.number(),
  max: z.number(),
});

const mode = z.enum(['exec', 'interactive']);
export type Mode = z.infer<typeof mode>;

const machine = z.object({
  cpu: z.string(),
  cores: z.number().int().positive(),
  ram_gib: z.number().positive(),
  os: z.string(),
  node: z.string(),
  tmux: z.string().nullable(),
  codex: z.string().nullable(),
});
export type Machine = z.infer<typeof machine>;

const listData = z.object({
  active_jobs: z.number().int(),
  rows: z.array(z.object({ finished: z.number().int(), list_ms: stats, list_all_ms: stats })),
});

const turnData = z.object({ start_returns_ms: stats, start_to_answer_ms: stats });

const wakeData = z.object({
  turn_sleep_ms: z.number(),
  target_ms: z.object({ median: z.number(), p95: z.number() }),
  modes: z.array(z.object({ mode, latency_ms: stats, lead_ms: stats, send_ms: stats })),
});

const memoryData = z.object({
  jobs_per_mode: z.number().int(),
  modes: z.array(z.object({
    mode,
    per_job_mb: stats,
    /** Median over the jobs of what each kind of process holds (runner, codex-launcher, codex, ...). */
    by_process_mb: z.record(z.string(), z.number()),
  })),
});

const startupData = z.object({
  runs: z.number().int(),
  warmup: z.number().int(),
  target_ms: z.number(),
  bare_node_ms: stats,
  cases: z.array(z.object({
    command: z.string(),
    /** Finished jobs on record besides the one the command reads. */
    finished_jobs: z.number().int(),
    ms: stats,
    over_node_ms: stats,
  })),
});

const loopData = z.object({
  budget_bytes: z.number().int(),
  runs: z.array(z.object({
    answers: z.enum(['one-line', '400-char']),
    total_bytes: z.number().int(),
    commands: z.array(z.object({ command: z.string(), bytes: z.number().int(), stderr_bytes: z.number().int() })),
  })),
});

const fleetSize = z.object({
  agents: z.number().int().positive(),
  rounds: z.number().int().positive(),
  /** From the moment the starts are launched to the last await-turn's exit. */
  all_first_turns_ms: stats,
  /** Per job: to_launch_ms + to_answer_ms. */
  overhead_ms: stats,
  /** Per job: starts launched -> the job's agent process started. */
  to_launch_ms: stats,
  /** Per job: Codex wrote task_complete -> its await-turn exited. */
  to_answer_ms: stats,
  /** Per job: the agent process started -> task_complete (the scripted model's wait included). */
  codex_ms: stats,
  working_mb: stats,
  idle_mb: stats,
  tmux_server_working_mb: stats,
  tmux_server_idle_mb: stats,
});
export type FleetSize = z.infer<typeof fleetSize>;

const fleetData = z.object({
  turn_sleep_ms: z.number(),
  modes: z.array(z.object({ mode, sizes: z.array(fleetSize) })),
});

function run<T extends z.ZodType>(data: T) {
  return z.object({
    /** ISO time the section finished. */
    at: z.string(),
    machine,
    /** `--quick`: small counts, to check the bench works; not figures to quote. */
    quick: z.boolean(),
    data,
  });
}

const sectionSchemas = {
  wake: run(wakeData),
  startup: run(startupData),
  fleet: run(fleetData),
  memory: run(memoryData),
  turn: run(turnData),
  list: run(listData),
  loop: run(loopData),
};

export type SectionName = keyof typeof sectionSchemas;
/** In the order the document shows them. */
export const SECTION_NAMES = Object.keys(sectionSchemas) as SectionName[];
export type SectionRuns = { [K in SectionName]: z.infer<(typeof sectionSchemas)[K]> };
export type SectionData = { [K in SectionName]: SectionRuns[K]['data'] };

export const RESULTS_VERSION = 1;

export interface BenchResults {
  version: typeof RESULTS_VERSION;
  sections: Partial<SectionRuns>;
}

export function emptyResults(): BenchResults {
  return { version: RESULTS_VERSION, sections: {} };
}

/**
 * Pure: a results file's text. A file that is not one is an error (the caller says so before
 * measuring anything); a section in a layout this bench no longer writes is dropped and named.
 */
export function parseResults(text: string): { results: BenchResults; dropped: { section: string; why: string }[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const top = z.object({ version: z.literal(RESULTS_VERSION), sections: z.record(z.string(), z.unknown()) }).safeParse(json);
  if (!top.success) throw new Error(`not a results file of version ${RESULTS_VERSION}`);
  const results = emptyResults();
  const dropped: { section: string; why: string }[] = [];
  for (const [name, value] of Object.entries(top.data.sections)) {
    if (!Object.hasOwn(sectionSchemas, name)) {
      dropped.push({ section: name, why: 'no such section any more' });
      continue;
    }
    const parsed = sectionSchemas[name as SectionName].safeParse(value);
    if (!parsed.success) {
      dropped.push({ section: name, why: `older layout (${parsed.error.issues[0]?.path.join('.') ?? '?'}: ${parsed.error.issues[0]?.message ?? '?'})` });
      continue;
    }
    (results.sections as Record<string, unknown>)[name] = parsed.data;
  }
  return { results, dropped };
}

/** Pure: the results with one section's run replaced. */
export function withSection<K extends SectionName>(results: BenchResults, name: K, runOf: SectionRuns[K]): BenchResults {
  return { ...results, sections: { ...results.sections, [name]: runOf } };
}

export function serializeResults(results: BenchResults): string {
  // Sections in document order, so the file diffs cleanly between runs.
  const sections: Record<string, unknown> = {};
  for (const name of SECTION_NAMES) if (results.sections[name]) sections[name] = results.sections[name];
  return `${JSON.stringify({ version: results.version, sections }, null, 2)}\n`;
}
