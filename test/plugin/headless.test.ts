// The plugin inside the real Claude Code CLI, headless (`claude -p --plugin-dir <repo>`), against the
// suite's Anthropic Messages API stand-in on 127.0.0.1. Two runs of one Claude session:
//   1. startup: `/codex-orchestrator:codex-start add a health endpoint`; the stand-in answers with a
//      Bash tool call `codex-agent jobs --mine --json`, then with text.
//   2. resume (`--resume <same session>`): a plain question.
// CODEX_AGENT_HOME holds jobs of two generals: this session's (finished, unread) and another
// session's (running). A third, fresh session with no jobs measures what the plugin adds to every
// request (its always-loaded text). What reaches the model is read from the requests the stand-in
// recorded.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../src/store/job-store.js';
import {
  offlineClaudeEnv,
  parsePrintResult,
  ROOT,
  runClaude,
  type ClaudePrintResult,
  type ClaudeResult,
} from '../support/anthropic-claude.js';
import { startAnthropicMock, type MessagesRequest, type MockReply, type MockRequest } from '../support/anthropic-mock.js';
import { liveRunners } from '../support/live-runner.js';
import { makeRecord } from '../support/store-record.js';
import { estimateTokens, extractAlwaysLoaded, pluginListing, renderParts, totalBytes } from './always-loaded.js';

const RUN_TIMEOUT_MS = 90_000;
const SESSION = randomUUID();
const OTHER_SESSION = randomUUID();
const MINE = 'a1b2c3d4';
const THEIRS = 'e5f6a7b8';
const MINE_ANSWER = 'Added GET /health returning {"ok":true} with a test';
const TASK = 'add a health endpoint';
const COMMAND = '/codex-orchestrator:codex-start';
const JOBS_TOOL_ID = 'toolu_jobs_mine';

interface Run {
  claude: ClaudeResult;
  result: ClaudePrintResult;
  requests: MockRequest[];
  /** POST /v1/messages bodies of the main conversation (those offering the Bash tool). */
  main: MessagesRequest[];
}

let tmp: string;
let startup: Run;
// The other general's runner: a real process in a real pane on a private tmux socket.
const runners = liveRunners('plugin-headless');
let resume: Run;
let fresh: Run;

/** Every string in the request's system prompt and messages, one per line (JSON escapes undone). */
function textOf(req: MessagesRequest): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(req.system);
  walk(req.messages);
  return out.join('\n');
}

/** What the SessionStart hooks added to the request, for failure messages. */
function hookContext(req: MessagesRequest | undefined): string {
  if (!req) return '(no model request)';
  const text = textOf(req);
  const found = text.match(/SessionStart hook additional context:[^]*?(?=\n\n|$)/g);
  return found ? found.join('\n---\n') : '(no SessionStart hook context in the request)';
}

async function seedJobs(stateRoot: string): Promise<void> {
  const store = new JobStore(stateRoot);
  const t0 = new Date(Date.now() - 10 * 60_000).toISOString();
  const t1 = new Date(Date.now() - 2 * 60_000).toISOString();
  // This general's job: its first turn finished and nobody has read it yet.
  store.create(
    makeRecord({
      id: MINE,
      status: 'completed',
      // Its runner left once nothing was queued: idle, and send would continue its thread.
      turn_state: 'idle',
      thread_id: '01a20c40-db1c-7b82-ab74-4b787968ea3d',
      tmux_socket: runners.socket,
      prompt_head: 'add a /health endpoint',
      cwd: join(tmp, 'work'),
      created_at: t0,
      started_at: t0,
      completed_at: t1,
      updated_at: t1,
      exit_code: 0,
      turns: [{ n: 1, turn_id: null, status: 'completed', started_at: t0, completed_at: t1, last_message: MINE_ANSWER, error: null, error_kind: null }],
      consumed_turns: 0,
      last_message: MINE_ANSWER,
      parent_session: SESSION,
    }),
    'add a /health endpoint',
  );
  // Another general's job, mid-turn, with a live runner in its pane.
  store.create(
    makeRecord({
      id: THEIRS,
      status: 'running',
      turn_state: 'working',
      tmux_socket: runners.socket,
      thread_id: '01a20c41-0000-7000-8000-000000000000',
      prompt_head: 'refactor the billing module',
      cwd: join(tmp, 'work'),
      created_at: t0,
      started_at: t0,
      updated_at: t0,
      runner: await runners.start(THEIRS),
      turns: [{ n: 1, turn_id: null, status: 'running', started_at: t0, completed_at: null, last_message: null, error: null, error_kind: null }],
      parent_session: OTHER_SESSION,
    }),
    'refactor the billing module',
  );
}

/** `claude -p PROMPT ...args`; the prompt comes first: --allowedTools takes every word after it. */
async function runSession(
  prompt: string,
  args: string[],
  respond: (req: MessagesRequest) => MockReply,
  where: { home: string; state: string } = { home: join(tmp, 'home'), state: join(tmp, 'state') },
): Promise<Run> {
  const mock = await startAnthropicMock({ respond });
  try {
    const env = offlineClaudeEnv({
      home: where.home,
      baseUrl: mock.url,
      extra: { CODEX_AGENT_HOME: where.state, CODEX_AGENT_TMUX_SOCKET: runners.socket },
    });
    const claude = await runClaude(['-p', prompt, ...args, '--plugin-dir', ROOT, '--output-format', 'json'], {
      env,
      cwd: join(tmp, 'work'),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    const main = mock.messages().filter((m) => m.tools?.some((t) => t.name === 'Bash'));
    return { claude, result: parsePrintResult(claude), requests: [...mock.requests], main };
  } finally {
    await mock.close();
  }
}

function hasToolResult(req: MessagesRequest): boolean {
  const last = req.messages.at(-1);
  return Array.isArray(last?.content) && last.content.some((b) => b.type === 'tool_result');
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ca-plugin-headless-'));
  mkdirSync(join(tmp, 'work'));
  await seedJobs(join(tmp, 'state'));

  startup = await runSession(`${COMMAND} ${TASK}`, ['--session-id', SESSION, '--allowedTools', 'Bash(codex-agent jobs:*)'], (req) =>
    req.tools?.some((t) => t.name === 'Bash') && !hasToolResult(req)
      ? {
          toolUse: {
            name: 'Bash',
            id: JOBS_TOOL_ID,
            input: { command: 'codex-agent jobs --mine --json', description: "List this session's Codex jobs" },
          },
        }
      : { text: 'Started.' },
  );
  resume = await runSession('What is my Codex army doing?', ['--resume', SESSION], () => ({ text: 'One job finished.' }));
  fresh = await runSession('Hello', ['--session-id', randomUUID()], () => ({ text: 'Hi.' }), {
    home: join(tmp, 'fresh-home'),
    state: join(tmp, 'fresh-state'),
  });
}, 3 * RUN_TIMEOUT_MS + 20_000);

afterAll(async () => {
  await runners.dispose();
  // tmux leaves its socket file behind after kill-server.
  rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, runners.socket), { force: true });
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function frontmatter(rel: string): { description?: string; 'disable-model-invocation'?: boolean } {
  return matter(readFileSync(join(ROOT, rel), 'utf8')).data as { description?: string; 'disable-model-invocation'?: boolean };
}

describe('plugin in headless Claude Code (real CLI, stand-in model)', () => {
  it('runs all sessions to a normal end against the stand-in', () => {
    for (const run of [startup, resume, fresh]) {
      expect(run.claude.timedOut, run.claude.stderr).toBe(false);
      expect(run.claude.code, `${run.claude.stdout}\n${run.claude.stderr}`).toBe(0);
      expect(run.result.is_error, run.claude.stdout).toBe(false);
      if (run !== fresh) expect(run.result.session_id).toBe(SESSION);
      expect(run.main.length, run.claude.stdout).toBeGreaterThan(0);
    }
    // Every request went to the stand-in with the dummy key; nothing else is reachable anyway.
    for (const r of [...startup.requests, ...resume.requests, ...fresh.requests]) {
      if (r.path.startsWith('/v1/')) expect(r.headers['x-api-key']).toBe('x');
    }
  });

  it('loads the plugin: its skill is offered to the model, the commands only to the user', () => {
    const text = textOf(startup.main[0]!);
    const skill = frontmatter('skills/codex-orchestrator/SKILL.md').description ?? '';
    expect(skill.length).toBeGreaterThan(40);
    expect(text).toContain(`- codex-orchestrator:codex-orchestrator: ${skill}`);
    // disable-model-invocation keeps a command's line out of every request; the user still types it.
    expect(frontmatter('commands/codex-start.md')['disable-model-invocation']).toBe(true);
    expect(text).not.toContain('- codex-orchestrator:codex-start:');
  });

  it(`${COMMAND} <task> reaches the model as a prompt to run codex-agent start with the task`, () => {
    expect(startup.result.result).not.toMatch(/Unknown command/);
    const first = startup.main[0]!;
    const turn = first.messages.find((m) => m.role === 'user' && JSON.stringify(m.content).includes(`<command-name>${COMMAND}</command-name>`));
    expect(turn, textOf(first).slice(0, 4000)).toBeDefined();
    const blocks = Array.isArray(turn!.content) ? turn!.content : [{ type: 'text', text: turn!.content }];
    const texts = blocks.filter((b) => b.type === 'text').map((b) => b.text ?? '');
    expect(texts.join('\n')).toContain(`<command-args>${TASK}</command-args>`);
    // The expanded command body (not the <command-*> tags) tells Claude to run codex-agent start.
    const body = texts.filter((t) => !t.includes('<command-name>') && !t.startsWith('<system-reminder>')).join('\n');
    expect(body).toMatch(/codex-agent start/);
    expect(body).toContain(TASK);
    expect(body).not.toContain('$ARGUMENTS');
  });

  it('SessionStart (startup): the hook note about this session\'s jobs reaches the model', () => {
    const text = textOf(startup.main[0]!);
    const ctx = hookContext(startup.main[0]);
    expect(text, ctx).toContain('SessionStart hook additional context: codex-agent: ');
    expect(ctx).toMatch(/codex-agent: 1 job\(s\) of this session need attention \(codex-agent recover\)/);
    expect(ctx).toMatch(/1 active job\(s\) of other sessions/);
    // A note, not the recovery listing: that is for compact and resume.
    expect(ctx).not.toContain('your Codex army');
  });

  it('SessionStart exports CODEX_AGENT_PARENT_SESSION to Bash, and bin/ puts codex-agent on its PATH', () => {
    expect(startup.result.permission_denials, JSON.stringify(startup.result.permission_denials)).toEqual([]);
    const after = startup.main.find((m) => JSON.stringify(m.messages.at(-1)).includes(JOBS_TOOL_ID) && hasToolResult(m));
    expect(after, `requests: ${startup.main.length}`).toBeDefined();
    const last = after!.messages.at(-1)!;
    const result = (last.content as { type: string; tool_use_id?: string; content?: unknown; is_error?: boolean }[]).find(
      (b) => b.type === 'tool_result' && b.tool_use_id === JOBS_TOOL_ID,
    )!;
    const out = typeof result.content === 'string' ? result.content : JSON.stringify(result.content);
    expect(result.is_error, out).toBeFalsy();
    // `--mine` filters by $CODEX_AGENT_PARENT_SESSION, which only the hook's env-file line sets.
    expect(out).toContain(MINE);
    expect(out).not.toContain(THEIRS);
    expect(out).not.toMatch(/--mine needs CODEX_AGENT_PARENT_SESSION/);
  });

  it('SessionStart (resume): the recover listing of this session\'s jobs reaches the model', () => {
    const req = resume.main.at(-1)!;
    const ctx = hookContext(req);
    expect(ctx).toContain(`codex-agent: your Codex army (session ${SESSION})`);
    expect(ctx).toContain(`${MINE} exec`);
    expect(ctx).toContain(`codex-agent await-turn ${MINE}`);
    expect(ctx).toContain('Added GET /health');
    // Another general's job is counted, never listed.
    expect(ctx).not.toContain(THEIRS);
    expect(ctx).toMatch(/1 active job\(s\) of other sessions not listed/);
    // It arrives after the resumed conversation, with the new question.
    expect(textOf(req)).toContain('What is my Codex army doing?');
  });
});

describe('what the plugin costs every request (real request body)', () => {
  const listing = pluginListing(ROOT);

  it('finds each always-loaded part in a fresh session, and they stay under 400 tokens', () => {
    const { parts, problems } = extractAlwaysLoaded(textOf(fresh.main[0]!), listing);
    console.log(`plugin's always-loaded text, from the request body:\n${renderParts(parts)}`);
    expect(problems).toEqual([]);
    // Every part the plugin has is there: the skill, the agent, the hook's note, and the line of
    // each command the model may invoke (none, today: see commands/*.md).
    expect(parts.filter((p) => p.kind === 'skill').map((p) => p.name)).toEqual(listing.skills.map((x) => x.name));
    expect(parts.filter((p) => p.kind === 'agent').map((p) => p.name)).toEqual(listing.agents.map((x) => x.name));
    expect(parts.filter((p) => p.kind === 'command').map((p) => p.name)).toEqual(listing.commands.filter((c) => !c.disabled).map((c) => c.name));
    const hook = parts.filter((p) => p.kind === 'hook');
    expect(hook).toHaveLength(1);
    expect(hook[0]!.text).toBe('SessionStart hook additional context: codex-agent: no Codex jobs of this session yet.');
    expect(estimateTokens(totalBytes(parts))).toBeLessThan(400);
  });

  it('the extraction fails when a part goes missing, grows, or appears unannounced', () => {
    const text = textOf(fresh.main[0]!);
    const skill = listing.skills[0]!;
    const grown = { ...listing, skills: [{ ...skill, description: `${skill.description} More.` }] };
    expect(extractAlwaysLoaded(text, grown).problems).toContainEqual(expect.stringMatching(/^skill codex-orchestrator: no listing line/));
    const noHook = text.replace(/SessionStart hook additional context: /g, '');
    expect(extractAlwaysLoaded(noHook, listing).problems).toContainEqual(expect.stringMatching(/no "SessionStart hook additional context/));
    const noAgent = { ...listing, agents: [{ name: 'codex-dispatcher', description: 'something else' }] };
    const p = extractAlwaysLoaded(text, noAgent).problems;
    expect(p).toContainEqual(expect.stringMatching(/^agent codex-dispatcher: 0 listing lines/));
    expect(p).toContainEqual(expect.stringMatching(/^a listing line of the plugin that no file accounts for: - codex-orchestrator:codex-dispatcher: /));
    const enabled = { ...listing, commands: listing.commands.map((c) => ({ ...c, disabled: false })) };
    expect(extractAlwaysLoaded(text, enabled).problems).toContainEqual(expect.stringMatching(/^command codex-start: no listing line/));
    const listed = `${text}\n- codex-orchestrator:codex-kill: Stop a Codex job`;
    expect(extractAlwaysLoaded(listed, listing).problems).toContainEqual(expect.stringMatching(/^command codex-kill has disable-model-invocation, yet the request lists it/));
  });
});
