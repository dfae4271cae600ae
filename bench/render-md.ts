// docs/benchmarks.md from the results: what each figure measures, its medians and p95 with n,
// the machine and the date of each section. Pure.
import type { BenchResults, Machine, SectionName, SectionRuns } from './results.js';
import { SECTION_NAMES } from './results.js';
import type { Stats } from './stats.js';

const TITLES: Record<SectionName, string> = {
  wake: 'Turn wake-up latency',
  startup: 'Whole commands against history size',
  fleet: 'Agents started at once',
  memory: 'Resident memory of an idle job',
  turn: 'A real turn, start to answer',
  list: 'Listing in-process',
  loop: "The standard loop's bytes",
};

const K = (n: number): string => n.toLocaleString('en-US');

/** Milliseconds as a table shows them. */
export function ms(x: number): string {
  return Math.abs(x) < 10 ? `${x.toFixed(1)} ms` : `${K(Math.round(x))} ms`;
}

export function seconds(xMs: number): string {
  return `${(xMs / 1000).toFixed(1)} s`;
}

export function mb(x: number): string {
  return `${x.toFixed(1)} MB`;
}

/** "2026-11-30 18:04 UTC". */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A markdown table: the first column left, the figures right (`left`: every column left). */
function table(head: string[], rows: string[][], left = false): string[] {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map((_, i) => (i === 0 || left ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function machineKey(m: Machine): string {
  return JSON.stringify([m.cpu, m.cores, m.ram_gib, m.os, m.node, m.tmux, m.codex]);
}

export function describeMachineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ram_gib} GiB, ${m.os}, Node ${m.node}, tmux ${m.tmux ?? '?'}, Codex ${m.codex ?? '?'}`;
}

/** The distinct machines of the results, in section order, each with a letter. */
function machines(results: BenchResults): { key: string; letter: string; machine: Machine }[] {
  const out: { key: string; letter: string; machine: Machine }[] = [];
  for (const name of SECTION_NAMES) {
    const run = results.sections[name];
    if (!run || out.some((m) => m.key === machineKey(run.machine))) continue;
    out.push({ key: machineKey(run.machine), letter: String.fromCharCode(65 + out.length), machine: run.machine });
  }
  return out;
}

/** One line for the chart: the machine(s) and the date(s). */
export function caption(results: BenchResults): string {
  const ms_ = machines(results);
  const dates = SECTION_NAMES.flatMap((n) => (results.sections[n] ? [results.sections[n]!.at] : [])).sort();
  if (ms_.length === 0) return 'no results yet';
  const span = dates.length === 0 ? '' : dates[0]!.slice(0, 10) === dates.at(-1)!.slice(0, 10) ? dates[0]!.slice(0, 10) : `${dates[0]!.slice(0, 10)} to ${dates.at(-1)!.slice(0, 10)}`;
  const machine = ms_.length === 1 ? describeMachineLine(ms_[0]!.machine) : `${ms_.length} machines (see docs/benchmarks.md)`;
  const present = SECTION_NAMES.filter((n) => results.sections[n]);
  const quick = present.filter((n) => results.sections[n]!.quick);
  const note = quick.length === 0 ? '' : quick.length === present.length ? ' · quick run (small counts)' : ` · quick runs (small counts): ${quick.join(', ')}`;
  return `${machine} · ${span}${note}`;
}

function machineSection(results: BenchResults): string[] {
  const list = machines(results);
  if (list.length === 0) return [];
  const fields: [string, (m: Machine) => string][] = [
    ['CPU', (m) => m.cpu],
    ['cores', (m) => String(m.cores)],
    ['memory', (m) => `${m.ram_gib} GiB`],
    ['OS', (m) => m.os],
    ['Node.js', (m) => m.node],
    ['tmux', (m) => m.tmux ?? 'not found'],
    ['Codex CLI', (m) => m.codex ?? 'not found'],
  ];
  const out = [list.length === 1 ? '## Machine' : '## Machines', ''];
  out.push(...table(['', ...list.map((m) => (list.length === 1 ? 'this machine' : `machine ${m.letter}`))], fields.map(([label, f]) => [label, ...list.map((m) => f(m.machine))]), true));
  out.push('');
  const rows = SECTION_NAMES.flatMap((name) => {
    const run = results.sections[name];
    if (!run) return [];
    const letter = list.find((m) => m.key === machineKey(run.machine))!.letter;
    return [[`[${TITLES[name]}](#${anchor(TITLES[name])}) (\`${name}\`)`, when(run.at), ...(list.length > 1 ? [letter] : []), run.quick ? 'quick (small counts)' : 'full']];
  });
  out.push(...table(['section', 'measured', ...(list.length > 1 ? ['machine'] : []), 'counts'], rows, true), '');
  return out;
}

/** GitHub's heading anchor. */
export function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function statsCells(st: Stats, f: (x: number) => string): string[] {
  return [f(st.median), f(st.p95)];
}

function wake(run: SectionRuns['wake']): string[] {
  const d = run.data;
  return [
    `From Codex writing a turn's \`task_complete\` (the rollout line's timestamp) to \`await-turn\` exiting with the answer: how long the user waits after the agent is done. One job per mode; each turn is \`MOCK:SLEEP ${d.turn_sleep_ms} MOCK:SAY turn N\`, sent with \`send\`, and \`await-turn\` is started right after, so it is already waiting when the turn ends. Target: median at most ${d.target_ms.median} ms, p95 at most ${d.target_ms.p95} ms.`,
    '',
    ...table(
      ['mode', 'median', 'p95', 'min', 'max', 'n', 'target', 'await-turn waiting for', '`send` returns (median)'],
      d.modes.map((m) => {
        const met = m.latency_ms.median <= d.target_ms.median && m.latency_ms.p95 <= d.target_ms.p95;
        return [m.mode, ...statsCells(m.latency_ms, ms), ms(m.latency_ms.min), ms(m.latency_ms.max), String(m.latency_ms.n), met ? 'met' : 'missed', `${ms(m.lead_ms.min)} to ${ms(m.lead_ms.max)}`, ms(m.send_ms.median)];
      }),
    ),
  ];
}

function startup(run: SectionRuns['startup']): string[] {
  const d = run.data;
  return [
    `\`bin/codex-agent\` (the committed \`dist/\`) as the user runs it, a fresh process each run, against a state root holding the given number of finished jobs plus the one \`status\` and \`await-turn\` read (its unread turn is marked unread again before each \`await-turn\` run; \`jobs --json\` prints at most 20). Each run is paired with a bare \`node -e 0\` started just before it, and the rounds turn the order of the commands, so a drift of the machine hits both; "over Node" is the pair's difference, what the command costs beyond starting Node. ${d.runs} runs of each after ${d.warmup} warm-up rounds. Bare \`node -e 0\`: median ${ms(d.bare_node_ms.median)}, p95 ${ms(d.bare_node_ms.p95)} (n=${d.bare_node_ms.n}). Target: at most ${d.target_ms} ms over Node (median).`,
    '',
    ...table(
      ['command', 'finished jobs', 'median', 'p95', 'over Node: median', 'over Node: p95', 'n'],
      d.cases.map((c) => [`\`${c.command}\``, c.command === '--version' ? '-' : K(c.finished_jobs), ...statsCells(c.ms, ms), ms(c.over_node_ms.median), ms(c.over_node_ms.p95), String(c.ms.n)]),
    ),
  ];
}

function fleet(run: SectionRuns['fleet']): string[] {
  const d = run.data;
  const secs = d.turn_sleep_ms / 1000;
  const out = [
    `N \`start\`s launched together, as a general fans out, each followed by its own \`await-turn\`; every job's first turn is \`MOCK:SLEEP ${d.turn_sleep_ms} MOCK:SAY <tag>\` (the scripted model answers after ${secs} s, so every job is mid-turn when sampled). All on one machine, real tmux and the real Codex; the jobs are killed after each round.`,
    '',
    `- **All first turns**: from launching the N \`start\`s to the last \`await-turn\` exiting with its answer, one figure per round. Its floor is the model's ${secs} s plus Codex's own start-up.`,
    "- **Our overhead per job**: what a job takes beyond Codex's own time, the sum of two parts. *To launch*: from launching the `start`s to the job's agent process (Codex's launcher) starting, its start time read from `/proc` (to 10 ms): `start` itself, the job's record and tmux session, the runner. *To answer*: from Codex's `task_complete` (the rollout line's timestamp) to the job's `await-turn` exiting with the answer. Codex's own time, from its process start to `task_complete` (the model's time included), is shown beside it and not counted. With N jobs at once on few cores, both parts include waiting for the CPU behind the other jobs.",
    "- **Memory per job**: resident memory (VmRSS) summed over the job's tmux pane process and all its descendants (runner, Codex's launcher, Codex), sampled *working* once the model has the job's request, and *idle* once the turn is over (exec: the runner leaves when nothing is queued, so no process remains; interactive: the Codex TUI stays open). The tmux server, shared by all jobs, is counted apart: its highest RSS while the turns ran, and once they were idle, in all and divided by N.",
    '',
  ];
  for (const m of d.modes) {
    out.push(`**${m.mode}**`, '');
    out.push(
      ...table(
        ['at once', 'rounds', 'all first turns: median', 'p95', 'overhead per job: median', 'p95', 'to launch: median', 'to answer: median', "Codex's own: median", 'n jobs'],
        m.sizes.map((z) => [String(z.agents), String(z.rounds), ...statsCells(z.all_first_turns_ms, seconds), ...statsCells(z.overhead_ms, ms), ms(z.to_launch_ms.median), ms(z.to_answer_ms.median), ms(z.codex_ms.median), String(z.overhead_ms.n)]),
      ),
      '',
      ...table(
        ['at once', 'working: median per job', 'p95', 'idle: median per job', 'p95', 'tmux server working (per job)', 'tmux server idle (per job)'],
        m.sizes.map((z) => [
          String(z.agents),
          ...statsCells(z.working_mb, mb),
          ...statsCells(z.idle_mb, mb),
          `${mb(z.tmux_server_working_mb.median)} (${mb(z.tmux_server_working_mb.median / z.agents)})`,
          `${mb(z.tmux_server_idle_mb.median)} (${mb(z.tmux_server_idle_mb.median / z.agents)})`,
        ]),
      ),
      '',
    );
  }
  out.pop();
  return out;
}

function memory(run: SectionRuns['memory']): string[] {
  const d = run.data;
  return [
    `${d.jobs_per_mode} jobs per mode, each after one finished turn, all idle at once: resident memory (VmRSS) summed over the job's tmux pane process and all its descendants. An idle exec job keeps no process (its runner leaves when nothing is queued; the pane stays, readable); an idle interactive job keeps the Codex TUI open.`,
    '',
    ...table(
      ['mode', 'median per job', 'p95', 'min', 'max', 'n', 'by process (medians)'],
      d.modes.map((m) => {
        const parts = Object.entries(m.by_process_mb).sort((a, b) => b[1] - a[1]).map(([name, v]) => `${name} ${mb(v)}`);
        return [m.mode, ...statsCells(m.per_job_mb, mb), mb(m.per_job_mb.min), mb(m.per_job_mb.max), String(m.per_job_mb.n), parts.length ? parts.join(', ') : 'no process'];
      }),
    ),
  ];
}

function turn(run: SectionRuns['turn']): string[] {
  const d = run.data;
  return [
    'One exec job at a time: `start "MOCK:SAY ..."`, then `await-turn` for its answer (the scripted model answers at once), then `kill`.',
    '',
    ...table(
      ['', 'median', 'p95', 'n'],
      [
        ['`start` returns', ...statsCells(d.start_returns_ms, ms), String(d.start_returns_ms.n)],
        ['`start` to the answer', ...statsCells(d.start_to_answer_ms, ms), String(d.start_to_answer_ms.n)],
      ],
    ),
  ];
}

function list(run: SectionRuns['list']): string[] {
  const d = run.data;
  return [
    `The store's listing in-process (no process start; the whole commands are above): ${d.active_jobs} active jobs beside the finished ones (plus one), the default view (\`--limit 20\`) and \`--all\`.`,
    '',
    ...table(
      ['finished jobs', 'list: median', 'p95', 'n', 'list --all: median', 'p95', 'n'],
      d.rows.map((r) => [K(r.finished), ...statsCells(r.list_ms, ms), String(r.list_ms.n), ...statsCells(r.list_all_ms, ms), String(r.list_all_ms.n)]),
    ),
  ];
}

function loop(run: SectionRuns['loop']): string[] {
  const d = run.data;
  const sum = (r: (typeof d.runs)[number], prefix: string): number => r.commands.filter((c) => c.command.startsWith(prefix)).reduce((s, c) => s + c.bytes, 0);
  return [
    `What the standard loop prints into Claude's context: 3 \`start\`s, an \`await-turn\` for each, then \`jobs --json\`, piped as Claude's Bash tool runs them (stdout and stderr counted), with the general's session set as the plugin's hook sets it; real Codex, the scripted model answering one line or 400 characters. One run each (the bytes do not vary). Budget: ${K(d.budget_bytes)} B, what the original tool printed for the same loop.`,
    '',
    ...table(
      ['answers', '3 x `start`', '3 x `await-turn`', '`jobs --json`', 'total', 'budget'],
      d.runs.map((r) => [r.answers, `${K(sum(r, 'start'))} B`, `${K(sum(r, 'await-turn'))} B`, `${K(sum(r, 'jobs'))} B`, `${K(r.total_bytes)} B`, r.total_bytes <= d.budget_bytes ? 'within' : 'over']),
    ),
  ];
}

const BODIES: { [K in SectionName]: (run: SectionRuns[K]) => string[] } = { wake, startup, fleet, memory, turn, list, loop };

export function renderMarkdown(results: BenchResults, svgFile = 'benchmarks.svg'): string {
  const out = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/bench.ts) from benchmarks.json; edits here are overwritten. -->',
    '',
    'Written by `npm run bench` from [benchmarks.json](benchmarks.json), which keeps the last results of each section: `npm run bench -- <section>...` measures only those sections and keeps the others\' figures (`--quick` takes small counts, to check that the bench works; such sections are marked). Every figure is a median and a p95 (nearest rank) over n samples. Every section but the in-process listing runs the real thing: `bin/codex-agent` (the committed `dist/`), tmux and the Codex CLI, against a local scripted model (no network; its answers take only as long as a section asks), in a private state root and tmux socket.',
    '',
    `![Medians as bars, whiskers to the p95](${svgFile})`,
    '',
    ...machineSection(results),
  ];
  for (const name of SECTION_NAMES) {
    const run = results.sections[name];
    out.push(`## ${TITLES[name]}`, '');
    if (!run) {
      out.push(`Not measured yet: \`npm run bench -- ${name}\`.`, '');
      continue;
    }
    out.push(`\`npm run bench -- ${name}\` · measured ${when(run.at)}${run.quick ? ' · **quick run (small counts): a check that the bench works, not figures to quote**' : ''}`, '');
    out.push(...(BODIES[name] as (r: typeof run) => string[])(run), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
