// `hook session-start`: the plugin's SessionStart hook. Never breaks the Claude session: whatever
// is missing or wrong becomes a one-line note, and it always exits 0.
import { appendFileSync, readFileSync } from 'node:fs';
import { DEFAULT_PROVIDER, getProvider } from '../providers/index.js';
import { createContext } from '../context.js';
import { renderRecover } from '../jobs/recover.js';
import { envFileLine, hookOutput, parseHookInput, wantsRecovery } from '../plugin/session-start.js';
import { which } from '../util/which.js';
import { buildRecover } from './recover.js';

/** `hook session-start`. */
export async function sessionStartCommand(): Promise<void> {
  let note: string;
  try {
    note = await sessionStart(process.env);
  } catch (err) {
    note = `codex-agent: SessionStart hook skipped (${(err as Error).message.split('\n')[0]})`;
  }
  process.stdout.write(`${hookOutput(note)}\n`);
  process.exitCode = 0;
}

async function sessionStart(env: NodeJS.ProcessEnv): Promise<string> {
  const input = parseHookInput(readStdin());
  const notes: string[] = [];
  if (!which('tmux', env.PATH)) notes.push('codex-agent: tmux not found; Codex agents cannot start until it is installed (scripts/install.sh).');
  const agent = await getProvider(DEFAULT_PROVIDER, env);
  if (!agent.locate(env)) notes.push(`codex-agent: ${agent.name} not found; install it with ${agent.installHint}.`);
  if ('error' in input) return [`codex-agent: ${input.error}; jobs started now are not tagged with this session.`, ...notes].join('\n');
  if (env.CLAUDE_ENV_FILE) appendFileSync(env.CLAUDE_ENV_FILE, envFileLine(input.session_id));
  const c = createContext({ ...env, CODEX_AGENT_PARENT_SESSION: input.session_id });
  const view = await buildRecover(c, input.session_id, { write: false });
  if (wantsRecovery(input.source) && (view.items.length > 0 || view.settled > 0)) return [renderRecover(view), ...notes].join('\n');
  const others = view.others_active ? `; ${view.others_active} active job(s) of other sessions` : '';
  const mine = view.items.length ? `${view.items.length} job(s) of this session need attention (codex-agent recover)` : 'no Codex jobs of this session yet';
  // Every session pays for this line in every request: it says only what Claude cannot know.
  return [`codex-agent: ${mine}${others}.`, ...notes].join('\n');
}

function readStdin(): string {
  if (process.stdin.isTTY) return '';
  try {
    return readFileSync(0, 'utf8').slice(0, 1_000_000);
  } catch {
    return '';
  }
}
