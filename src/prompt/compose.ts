// The prompt an agent gets: the user's task, then (with --map) the codebase map, then each
// attached file in a fenced block under its path. Pure.

/** A document put into the prompt, with its path relative to the job's directory. */
export interface Attachment {
  path: string;
  text: string;
}

/** Pure: a fence longer than any backtick run in the text, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function mapSection(map: Attachment): string {
  return `## Codebase map (${map.path})\n\n${map.text.trimEnd()}`;
}

export function fileSection(file: Attachment): string {
  const fence = fenceFor(file.text);
  const body = file.text.endsWith('\n') || file.text === '' ? file.text : `${file.text}\n`;
  return `## File: ${file.path}\n\n${fence}\n${body}${fence}`;
}

/** Pure: the whole prompt; the task stays exactly as given when nothing is added. */
export function composePrompt(task: string, map: Attachment | null, files: Attachment[]): string {
  const added = [...(map ? [mapSection(map)] : []), ...files.map(fileSection)];
  if (added.length === 0) return task;
  const intro = files.length > 0 ? (map ? 'Context: the codebase map and the attached files.' : 'Context: the attached files.') : 'Context: the codebase map.';
  return [task.trimEnd(), '---', intro, ...added].join('\n\n');
}

/** How the token estimate is made, for the text that shows it. */
export const TOKEN_ESTIMATE_RULE = 'about 4 characters a token';

/** Pure: characters as agents count them (Unicode code points, not UTF-16 units). */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Pure: a rough token count (4 characters a token, the usual rule of thumb for English and code). */
export function estimateTokens(text: string): number {
  return Math.ceil(countChars(text) / 4);
}
