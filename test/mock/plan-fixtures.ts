// Request bodies and answer readers shared by the plan tests (product plan and test plan).
import { expect } from 'vitest';
import type { Plan } from '../../src/mock/plan.js';

// Request bodies shaped like the ones codex 0.169 sends (developer + environment messages first).
export const msg = (role: string, text: string) => ({ type: 'message', role, content: [{ type: 'input_text', text }] });
export const preamble = [msg('developer', 'You are Codex...'), msg('user', '<environment_context>\n  <cwd>/w</cwd>\n</environment_context>')];
export const request = (text: string, ...after: object[]) => ({ model: 'gpt-5.5', stream: true, input: [...preamble, msg('user', text), ...after] });

export const call = (cmd: string) => ({ type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd }), call_id: 'call_1' });
export const output = (text: string) => ({ type: 'function_call_output', call_id: 'call_1', output: text });
// What exec_command hands back, header included (recorded from codex 0.169).
export const execOutput = (body: string) => `Chunk ID: 09d6c8\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 6\nOutput:\n${body}`;

export type Ev = { type: string; item?: Record<string, unknown>; response?: Record<string, unknown> };
export function sse(p: Plan): Ev[] {
  expect(p.kind).toBe('sse');
  return (p as { events: Ev[] }).events;
}
export function items(p: Plan): Record<string, unknown>[] {
  return sse(p).flatMap((e) => (e.type === 'response.output_item.done' && e.item ? [e.item] : []));
}
export function text(p: Plan): string {
  const it = items(p);
  expect(it).toHaveLength(1);
  expect(it[0]).toMatchObject({ type: 'message', role: 'assistant' });
  return (it[0]!.content as { text: string }[])[0]!.text;
}
export function cmdOf(p: Plan): string {
  const it = items(p);
  expect(it).toHaveLength(1);
  expect(it[0]).toMatchObject({ type: 'function_call', name: 'exec_command' });
  return (JSON.parse(it[0]!.arguments as string) as { cmd: string }).cmd;
}
