import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  Command,
  CommanderError,
  Option,
  intArg,
  secondsArg
} from "./chunks/chunk-USXZDTZA.js";
import {
  DEFAULT_PROVIDER,
  REASONING,
  SANDBOXES
} from "./chunks/chunk-GJCWKZOD.js";
import {
  EXIT,
  UsageError,
  describeError,
  errorLine,
  shown,
  unknownOptionLine
} from "./chunks/chunk-4XPRIXJ7.js";
import "./chunks/chunk-HANBNIMK.js";

// src/version.ts
var VERSION = "0.1.0";

// src/program.ts
var AWAIT_TIMEOUT_S = 1800;
var MAX_WAIT_S = 7 * 24 * 3600;
function buildProgram() {
  let ctx;
  const withCtx = (load, pick) => async (...args) => {
    const m = await load();
    await pick(m)(() => ctx ??= m.createContext(), ...args);
  };
  const plain = (load, pick) => async (...args) => {
    await pick(await load())(...args);
  };
  const program = new Command("codex-agent").description("Run OpenAI Codex agents in tmux sessions: start, await, steer, read and stop them.").version(VERSION, "-V, --version").showSuggestionAfterError(true).exitOverride().configureOutput({ outputError: () => void 0 });
  program.command("start").description("start a Codex agent on a task in its own tmux session").argument("[prompt]", 'the task for the agent; "-" reads it from stdin (optional with --prd)').option("-m, --model <model>", "model (default: your Codex config)").addOption(new Option("-r, --reasoning <level>", "reasoning effort").choices(REASONING)).addOption(new Option("-s, --sandbox <mode>", "sandbox (default workspace-write); Gemini agents are read-only unless it is given").choices(SANDBOXES)).option("-d, --dir <dir>", "working directory (default: current)").option("--interactive", "run the Codex TUI, steerable mid-task with send and interrupt").option("--prd <file>", "put this PRD into the prompt").option("--phase <n>", "with --prd: only this implementation phase, plus the shared sections", intArg(1, 99)).option("--map", "put the codebase map into the prompt (docs/CODEBASE_MAP.md, else CODEBASE_MAP.md, else docs/ARCHITECTURE.md, in -d)").option("-f, --file <glob>", "attach the matching files under -d to the prompt (repeatable, ** spans folders; binaries skipped; 256 KiB in all, the rest left out with a note)", (v, prev = []) => [...prev, v]).option("--parent-session <id>", "tag the job with this Claude session (default $CODEX_AGENT_PARENT_SESSION)").option("--provider <name>", `the agent CLI: codex or gemini (default ${DEFAULT_PROVIDER}, or config.yaml's provider)`).option("--dry-run", "show what would run, start nothing").option("--wait", "then wait for the turn to end and print the answer, as await-turn (its output and exit codes)").option("--follow", "then print CODEX_AGENT_TURN_COMPLETE=<id> at each finished turn and CODEX_AGENT_DONE=<id> status=<status> at the end, as watch --turns").option("--timeout <sec>", `with --wait or --follow: give up after this many seconds (default ${AWAIT_TIMEOUT_S} / 3600)`, secondsArg(MAX_WAIT_S)).option(
    "--notify-on-complete <command>",
    "run this shell command (through $SHELL) each time the job's status leaves running for completed, failed or cancelled; it gets CODEX_AGENT_JOB_ID, CODEX_AGENT_STATUS, CODEX_AGENT_ERROR"
  ).option("--json", "print JSON").action(withCtx(() => import("./chunks/start-IFIZUWEQ.js"), (m) => m.startCommand));
  program.command("await-turn").description("wait for the next turn of a job (or of several) to finish and print its last agent message").argument("[ids...]", "job ids or unique prefixes (several need --any or --all)").option("--any", "several jobs: return at the first finished turn, labelled by job (a job that cannot produce a turn is noted, not waited on)").option("--all", "several jobs: print each job's result once as it arrives, labelled by job").option("--mine", "no ids: this Claude session's jobs that are running or have an unread turn ($CODEX_AGENT_PARENT_SESSION; --any unless --all)").option("--parent-session <id>", "no ids: the jobs of this Claude session, as --mine").option("--timeout <sec>", `give up after this many seconds, for the whole wait (default ${AWAIT_TIMEOUT_S})`, secondsArg(MAX_WAIT_S)).option("--json", "print JSON: one job, its result; several or --mine, a list of results").addHelpText(
    "after",
    "\nExit codes: 0 turn completed \xB7 4 job ended, or its turn failed or was aborted \xB7 5 context window exhausted \xB7 6 blocked: at start-up, or a tool approval waits for a person \xB7 7 idle: nothing runs or is queued (send a message first) \xB7 124 timed out. --any: the code of the result returned; --all: 0 when every turn completed, else the code of the first job, in the order given, whose did not."
  ).action(
    withCtx(
      () => import("./chunks/await-turn-XTEWJBW3.js"),
      (m) => (c, ids, opts) => m.awaitTurnCommand(c, ids, { ...opts, timeout: opts.timeout ?? AWAIT_TIMEOUT_S })
    )
  );
  program.command("send").description('send a follow-up: exec jobs queue it as the next turn; interactive jobs get it typed in (steering a running turn); "/quit" closes the agent').argument("<id>", "job id or unique prefix").argument("<message>", 'the message; "-" reads it from stdin').option("--json", "print JSON").action(withCtx(() => import("./chunks/send-WGYWXLFS.js"), (m) => m.sendCommand));
  program.command("interrupt").description("stop the running turn of an interactive job; the agent stays open for more").argument("<id>", "job id or unique prefix").option("--json", "print JSON").action(withCtx(() => import("./chunks/interrupt-VMQ252FM.js"), (m) => m.interruptCommand));
  program.command("status").description("show one job: state, turns, tokens, files changed and why it failed").argument("<id>", "job id or unique prefix").option("--json", "print JSON").action(withCtx(() => import("./chunks/status-T2ZWOWCC.js"), (m) => m.statusCommand));
  program.command("jobs").description("list jobs: every active one, then recent finished ones up to --limit in all").option("--all", "list every job on record").option("--limit <n>", "jobs to list at most, active ones always included (default 20, config list_limit)", intArg(1, 1e4)).option("--mine", "only jobs of this Claude session ($CODEX_AGENT_PARENT_SESSION)").option("--parent-session <id>", "only jobs of this Claude session").option("--parent <session>", "the same as --parent-session").option("--json", "print JSON: per job its state, tokens, files changed and the gist of its last answer (status --json has every field)").action(withCtx(() => import("./chunks/jobs-NQRR3WSY.js"), (m) => m.jobsCommand));
  program.command("capture").description("print the last lines of a job's screen (live tmux pane, or its log once closed)").argument("<id>", "job id or unique prefix").argument("[lines]", "how many lines (default 50)", intArg(1, 1e5)).option("--clean", "strip colours and control sequences").option("--strip-ansi", "the same as --clean").option("--json", "print JSON").action(withCtx(() => import("./chunks/output-NLFWIZTQ.js"), (m) => m.captureCommand));
  program.command("output").description("print everything a job's pane showed, from its log").argument("<id>", "job id or unique prefix").option("--clean", "strip colours and control sequences").option("--strip-ansi", "the same as --clean").option("--json", "print JSON").action(withCtx(() => import("./chunks/output-NLFWIZTQ.js"), (m) => m.outputCommand));
  program.command("attach").description("print the tmux command that attaches to a job's session").argument("<id>", "job id or unique prefix").option("--json", "print JSON").action(withCtx(() => import("./chunks/attach-R2EF4BPP.js"), (m) => m.attachCommand));
  program.command("sessions").description("list the codex-agent tmux sessions and the job each belongs to").option("--json", "print JSON").action(withCtx(() => import("./chunks/attach-R2EF4BPP.js"), (m) => m.sessionsCommand));
  program.command("watch").description("stream a job's output until no turn is running or queued").argument("<id>", "job id or unique prefix").option("--turns", "instead of the output: CODEX_AGENT_TURN_COMPLETE=<id> at each finished turn not yet read, CODEX_AGENT_DONE=<id> status=<status> at the end (one line each, for background shells)").option("--timeout <sec>", "stop after this many seconds (default 3600)", secondsArg(MAX_WAIT_S)).option("--json", 'one JSON object a line: {type:"output",text} ... {type:"end"}; with --turns {type:"turn_complete",id,turn,status} ... {type:"done",id,status,exit_code}').addHelpText("after", "\nExit codes with --turns: 0 done normally \xB7 4 the job failed or was cancelled \xB7 5 its last turn hit the context window \xB7 6 blocked at start-up \xB7 124 timed out").action(withCtx(() => import("./chunks/watch-CLAJZXGZ.js"), (m) => m.watchCommand));
  program.command("kill").description("stop a job: Codex and its whole process tree, and its tmux session").argument("<id>", "job id or unique prefix").option("--json", "print JSON").action(withCtx(() => import("./chunks/kill-FWMTLZ47.js"), (m) => m.killCommand));
  program.command("delete").description("delete an ended job and its files (--force: also one that send could still resume)").argument("<id>", "job id or unique prefix").option("--force", "also delete a job that is idle and could still take a follow-up").option("--json", "print JSON").action(withCtx(() => import("./chunks/kill-FWMTLZ47.js"), (m) => m.deleteCommand));
  program.command("clean").description("delete ended jobs older than --days (default 7) and close orphaned codex-agent tmux sessions; idle jobs that send could resume stay unless --include-idle").option("--days <n>", "age in days (0 removes every ended job)", intArg(0, 36500)).option("--include-idle", "also delete idle jobs that could still take a follow-up").option("--json", "print JSON").action(withCtx(() => import("./chunks/clean-KO4SU4DX.js"), (m) => m.cleanCommand));
  program.command("health").description("check that tmux and codex are installed and the state root is writable").option("--json", "print JSON").action(plain(() => import("./chunks/health-BF4OTZGY.js"), (m) => m.healthCommand));
  const prd = program.command("prd").description("product requirement documents under docs/prds/");
  prd.command("new").description("write docs/prds/<slug>.md from the PRD template and print its path").argument("<title>", "the PRD title").option("-d, --dir <dir>", "project folder (default: current)").option("--phases <n>", "implementation phases to lay out (default 3)", intArg(1, 20)).option("--json", "print JSON").action(plain(() => import("./chunks/prd-ST5OXF2N.js"), (m) => m.prdNewCommand));
  prd.command("list").description("list the PRDs in docs/prds/ with their status and phases").option("-d, --dir <dir>", "project folder (default: current)").option("--json", "print JSON").action(plain(() => import("./chunks/prd-ST5OXF2N.js"), (m) => m.prdListCommand));
  program.command("recover").description("this Claude session's Codex jobs after compaction: what runs, what finished, what waits, and what to run next").option("--parent-session <id>", "the Claude session (default $CODEX_AGENT_PARENT_SESSION; without one, every job)").option("--json", "print JSON").action(withCtx(() => import("./chunks/recover-OZRUC5J5.js"), (m) => m.recoverCommand));
  const hook = program.command("hook", { hidden: true }).description("Claude Code hook entry points");
  hook.command("session-start").description("SessionStart: tag this session's jobs and restore its view of the army").action(plain(() => import("./chunks/hook-PG53YKOR.js"), (m) => m.sessionStartCommand));
  program.command("selftest").alias("demo").description("run a real Codex agent through start, await-turn, send, jobs and kill against a local stand-in model").option("--keep", "keep the temporary state root for inspection").option("--json", "print JSON only").action(plain(() => import("./chunks/selftest-PXKWZZ3P.js"), (m) => m.selftestCommand));
  program.command("__run", { hidden: true }).argument("<id>").action(withCtx(() => import("./chunks/run-W4CWP6BR.js"), (m) => m.runCommand));
  program.command("__notify", { hidden: true }).argument("[id]").argument("[payload]").allowExcessArguments(true).allowUnknownOption(true).helpOption(false).action(withCtx(() => import("./chunks/notify-OT6553WU.js"), (m) => m.notifyCommand));
  program.command("__hook", { hidden: true }).argument("[id]").allowExcessArguments(true).allowUnknownOption(true).helpOption(false).action(withCtx(() => import("./chunks/notify-OT6553WU.js"), (m) => m.hookCommand));
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => void 0 });
  return program;
}

// src/cli.ts
async function main(argv) {
  const debug = process.env.CODEX_AGENT_DEBUG === "1";
  const program = buildProgram();
  const typed = !argv[2]?.startsWith("__");
  if (typed) program.hook("preAction", (_hooked, action) => refuseEmptyOptions(action));
  try {
    if (typed && argv.some((a) => a.includes("\uFFFD"))) (await import("./chunks/argv-text-CTHO5B5X.js")).assertArgvText(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
      process.stderr.write(`codex-agent: ${errorLine(shortenEchoes(usageLine(program, argv.slice(2), err), argv.slice(2)))}
`);
      return EXIT.usage;
    }
    const { line, exitCode, stack } = describeError(err, debug);
    process.stderr.write(`codex-agent: ${line}
`);
    if (stack) process.stderr.write(`${stack}
`);
    return exitCode;
  }
}
function refuseEmptyOptions(action) {
  for (const o of action.options) {
    const v = action.getOptionValue(o.attributeName());
    const blank = (x) => typeof x === "string" && x.trim() === "";
    if (blank(v) || Array.isArray(v) && v.some(blank)) {
      const name = [o.short, o.long].filter(Boolean).join("/");
      throw new UsageError(`${name}: the value is empty; give one, or leave ${o.long ?? o.short} out`);
    }
  }
}
function shortenEchoes(line, args) {
  let out = line;
  for (const a of new Set(args)) {
    if (a.length > 60) out = out.split(a).join(shown(a, 40).slice(1, -1));
  }
  return out;
}
function usageLine(program, args, err) {
  const message = err.message.replace(/^error: /, "");
  const unknown = err.code === "commander.unknownOption" ? /unknown option '([^']+)'/.exec(message) : null;
  if (!unknown) return message.replace(/\s*\n\s*/g, " ");
  const suggestion = /\(Did you mean (\S+)\?\)/.exec(message)?.[1] ?? null;
  const flag = unknown[1].replace(/=.*$/s, "");
  let cmd = program;
  for (const a of args) {
    if (a.startsWith("-")) continue;
    const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
    if (!sub) break;
    cmd = sub;
  }
  const path = [];
  for (let c = cmd; c && c !== program; c = c.parent) path.unshift(c.name());
  const elsewhere = [];
  const walk = (c, prefix) => {
    for (const sub of c.createHelp().visibleCommands(c)) {
      const name = `${prefix}${sub.name()}`;
      if (sub.options.some((o) => o.long === flag || o.short === flag)) elsewhere.push(name);
      walk(sub, `${name} `);
    }
  };
  walk(program, "");
  return unknownOptionLine(flag, path.length ? path.join(" ") : null, suggestion, elsewhere);
}
var code = await main(process.argv);
process.exitCode = code;
export {
  main
};
