// Readable progress lines for whoever attaches to a job's pane. Pure.
import type { AgentEvent } from '../providers/types.js';

const MAX = 400;

export function progressLine(ev: AgentEvent): string | null {
  switch (ev.kind) {
    case 'thread_started':
      return `  thread ${ev.threadId}`;
    case 'command_started':
      return `  $ ${clip(ev.command)}`;
    case 'command':
      return `  $ ${clip(ev.command)}  (exit ${ev.exitCode ?? '?'})${ev.output.trim() ? `\n${indent(clip(ev.output.trim(), 1200))}` : ''}`;
    case 'file_change':
      return ev.changes.map((c) => `  ✎ ${c.kind} ${c.path}`).join('\n');
    case 'agent_message':
      return `  » ${indent(ev.text, '    ').trimStart()}`;
    case 'warning':
      return `  ! ${clip(ev.message)}`;
    case 'tokens':
      return ev.total ? `  tokens: input ${ev.total.input}, output ${ev.total.output}` : null;
    case 'turn_failed':
      return `  ✗ ${clip(ev.error)}`;
    default:
      return null;
  }
}

function clip(text: string, max = MAX): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function indent(text: string, pad = '    '): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
