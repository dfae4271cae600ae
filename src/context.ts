// Everything a command needs, built once at the edge from the configuration.
import { loadConfig, type AppConfig } from './config.js';
import { jobEffects } from './jobs/job-effects.js';
import { JobStore } from './store/job-store.js';
import { Tmux } from './tmux/tmux.js';

export interface Context {
  config: AppConfig;
  store: JobStore;
  tmux: Tmux;
  env: NodeJS.ProcessEnv;
}

export function createContext(env: NodeJS.ProcessEnv = process.env): Context {
  const config = loadConfig(env);
  return { config, store: new JobStore(config.home, jobEffects(env)), tmux: new Tmux({ socket: config.tmuxSocket }), env };
}

export function sessionName(id: string): string {
  return `codex-agent-${id}`;
}
