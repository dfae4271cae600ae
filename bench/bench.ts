// Benchmarks, each reported as median and p95 with n: turn wake-up latency (exec and
// interactive), whole commands against 0, 1,000 and 10,000 finished jobs, 1, 8 and 16 agents
// started at once, the resident memory of an idle job, a real turn from start to answer, listing
// in-process, and the bytes the standard loop prints into Claude's context.
//
// `npm run bench` runs every section; `npm run bench -- wake fleet` only those. `--quick` takes
// small counts (to check the bench works; the document says so). Each section's results replace
// its own in docs/benchmarks.json, and docs/benchmarks.md and docs/benchmarks.svg are written
// from all of it after every section (`--out DIR` writes them elsewhere).
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chartPanels } from './chart-data.js';
import { finishedRoots, type FinishedRoot } from './fixtures.js';
import { describeMachine } from './machine.js';
import { CODEX_BIN, setUpReal, tearDownReal, type Real } from './real.js';
import { caption, renderMarkdown } from './render-md.js';
import { renderSvg } from './render-svg.js';
import { emptyResults, parseResults, serializeResults, withSection, type BenchResults, type Machine, type SectionData, type SectionName } from './results.js';
import { benchFleet } from './sections/fleet.js';
import { benchList } from './sections/list.js';
import { benchLoop } from './sections/loop.js';
import { benchMemory } from './sections/memory.js';
import { benchStartup } from './sections/startup.js';
import { benchTurn } from './sections/turn.js';
import { benchWake } from './sections/wake.js';
import { fmt } from './stats.js';

/** In the order they run: the cheap ones first, then those that share one mock model and tmux socket. */
const RUN_ORDER: SectionName[] = ['list', 'startup', 'loop', 'turn', 'wake', 'memory', 'fleet'];
const HISTORY_SIZES = [0, 1_000, 10_000];

interface Args {
  sections: SectionName[];
  quick: boolean;
  /** Write the document and the chart from the kept results, measuring nothing. */
  renderOnly: boolean;
  outDir: string;
}

function parseArgs(argv: string[]): Args {
  const sections: SectionName[] = [];
  let quick = false;
  let renderOnly = false;
  let outDir = 'docs';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--render-only') renderOnly = true;
    else if (a === '--out') {
      const v = argv[++i];
      if (!v) throw new Error('bench: --out needs a folder');
      outDir = v;
    } else if ((RUN_ORDER as string[]).includes(a)) sections.push(a as SectionName);
    else throw new Error(`bench: unknown argument ${JSON.stringify(a)}; sections: ${RUN_ORDER.join(', ')}; options: --quick, --render-only, --out DIR`);
  }
  if (renderOnly && (sections.length || quick)) throw new Error('bench: --render-only measures nothing: give it no sections and no --quick');
  return { sections: renderOnly ? [] : sections.length ? RUN_ORDER.filter((s) => sections.includes(s)) : RUN_ORDER, quick, renderOnly, outDir: resolve(outDir) };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The results kept so far: read before anything is measured, so a bad file stops the bench at once. */
function loadResults(file: string): BenchResults {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyResults();
    throw err;
  }
  try {
    const { results, dropped } = parseResults(text);
    for (const d of dropped) console.log(`bench: ${file}: section ${d.section} dropped (${d.why}); run npm run bench -- ${d.section} to measure it again`);
    return results;
  } catch (err) {
    throw new Error(`bench: ${file} is ${err instanceof Error ? err.message : String(err)}; move it away to start afresh`);
  }
}

/** What to run and the results kept so far; a bad argument or results file stops here, in one line. */
function prepare(): { args: Args; files: { json: string; md: string; svg: string }; results: BenchResults } {
  try {
    const args = parseArgs(process.argv.slice(2));
    mkdirSync(args.outDir, { recursive: true });
    const files = { json: join(args.outDir, 'benchmarks.json'), md: join(args.outDir, 'benchmarks.md'), svg: join(args.outDir, 'benchmarks.svg') };
    return { args, files, results: loadResults(files.json) };
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
}

const { args, files, results: kept } = prepare();
let results = kept;

function writeDocs(): void {
  writeAtomic(files.md, renderMarkdown(results));
  writeAtomic(files.svg, renderSvg(chartPanels(results), caption(results)));
}

function save<K extends SectionName>(name: K, data: SectionData[K]): void {
  results = withSection(results, name, { at: new Date().toISOString(), machine, quick: args.quick, data } as never);
  writeAtomic(files.json, serializeResults(results));
  writeDocs();
}

if (args.renderOnly) {
  writeDocs();
  console.log(`bench: wrote ${files.md} and ${files.svg} from ${files.json}`);
  process.exit(0);
}

const machine: Machine = describeMachine(CODEX_BIN);
console.log(`bench: ${args.sections.join(', ')}${args.quick ? ' (quick: small counts)' : ''} on ${machine.cpu}, ${machine.cores} cores; results to ${files.json}`);

const began = performance.now();
const elapsed = (): string => `${fmt((performance.now() - began) / 1000, 0)} s`;
const root = mkdtempSync(join(tmpdir(), 'codex-agent-bench-data-'));
let real: Real | null = null;
let roots: FinishedRoot[] | null = null;
try {
  for (const name of args.sections) {
    console.log(`\n== ${name} (at ${elapsed()})`);
    if (name === 'list' || name === 'startup') {
      if (!roots) {
        console.log(`writing state roots with ${HISTORY_SIZES.join(', ')} finished jobs through the store:`);
        roots = finishedRoots(join(root, 'history'), HISTORY_SIZES);
      }
      if (name === 'list') save('list', benchList(roots, args.quick));
      else save('startup', benchStartup(roots, args.quick));
      continue;
    }
    if (name === 'loop') {
      save('loop', await benchLoop(root));
      continue;
    }
    real ??= await setUpReal(join(root, 'real'));
    if (name === 'turn') save('turn', await benchTurn(real, args.quick));
    else if (name === 'wake') save('wake', await benchWake(real, args.quick));
    else if (name === 'memory') save('memory', await benchMemory(real));
    else if (name === 'fleet') save('fleet', await benchFleet(real, args.quick));
  }
  console.log(`\nbench: done in ${elapsed()}; wrote ${files.md}, ${files.svg} and ${files.json}`);
} finally {
  if (real) await tearDownReal(real);
  if (roots) console.log('bench: removing the state roots it wrote ...');
  rmSync(root, { recursive: true, force: true });
}
