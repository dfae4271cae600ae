/*
 * Scripted stand-in for the model behind the Gemini API (generateContent / streamGenerateContent):
 * what `selftest` drives a real Gemini CLI with. The directive is the first word of the newest
 * user prompt text (the part that is not Gemini's own `<session_context>`):
 *
 *   SAY <text>               a model message exactly <text>
 *   WRITE <path> <content>   a write_file functionCall; once its functionResponse comes back:
 *                            "Wrote <path>." (or "Could not write <path>: <error>")
 *   SLEEP <ms> [rest]        answer after <ms> (at most 10 min) as if the prompt were <rest>
 *
 * Anything else: "ok: <first 80 chars of the prompt on one line>". Requests without `tools` (the
 * router's and the session summary's side calls) never get scripted answers. More directives come
 * from a larger table (`GeminiDirectives`) passed to `geminiPlan`.
 */
export const MAX_SLEEP_MS = 10 * 60 * 1000;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export type GeminiPlan =
  | { kind: 'answer'; parts: Rec[]; delayMs?: number }
  | { kind: 'http_error'; status: number; body: object; delayMs?: number };

/** One directive's request, as its handler sees it. */
export interface GeminiCall {
  /** Everything after the directive word, trailing blanks trimmed. */
  arg: string;
  /** The function response the request ends with (after this prompt), or null. */
  toolResponse: Rec | null;
  /** The answer to `text` as if it were the prompt; one level only, deeper it is the default reply. */
  nested(text: string): GeminiPlan;
}

export type GeminiDirective = (call: GeminiCall) => GeminiPlan;
export type GeminiDirectives = Readonly<Record<string, GeminiDirective>>;

interface Content {
  role: string;
  parts: Rec[];
}

function contents(body: unknown): Content[] {
  if (!isRec(body) || !Array.isArray(body.contents)) return [];
  return body.contents.filter(isRec).map((c) => ({ role: String(c.role ?? ''), parts: Array.isArray(c.parts) ? c.parts.filter(isRec) : [] }));
}

/** The prompt text of a user content: its text parts without Gemini's own context part. */
function promptOf(c: Content): string | null {
  const texts = c.parts.filter((p) => typeof p.text === 'string').map((p) => p.text as string).filter((t) => !t.trimStart().startsWith('<session_context>'));
  return texts.length > 0 ? texts.join('\n') : null;
}

/** The newest user prompt, and the output of the function call answered after it (if any). */
export function newestPrompt(body: unknown): { prompt: string; toolResponse: Rec | null } {
  const cs = contents(body);
  let toolResponse: Rec | null = null;
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i]!;
    if (c.role !== 'user') continue;
    const fr = c.parts.find((p) => isRec(p.functionResponse));
    if (fr && toolResponse === null && i === cs.length - 1) toolResponse = fr.functionResponse as Rec;
    const prompt = promptOf(c);
    if (prompt !== null) return { prompt, toolResponse };
  }
  return { prompt: '', toolResponse };
}

export function hasTools(body: unknown): boolean {
  return isRec(body) && Array.isArray(body.tools) && body.tools.length > 0;
}

export const say = (text: string): GeminiPlan => ({ kind: 'answer', parts: [{ text }] });

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** The product's directives (selftest's). */
export const GEMINI_DIRECTIVES: GeminiDirectives = {
  SAY: (c) => say(c.arg),
  SLEEP(c) {
    const s = /^(\d+)\s*([\s\S]*)$/.exec(c.arg);
    const ms = Math.min(Number(s?.[1] ?? 0), MAX_SLEEP_MS);
    return { ...c.nested(s?.[2] ?? ''), delayMs: ms };
  },
  WRITE(c) {
    const w = /^(\S+)\s?([\s\S]*)$/.exec(c.arg);
    if (!w) return say('ok: WRITE needs a path');
    const path = w[1]!;
    if (c.toolResponse) {
      const resp = isRec(c.toolResponse.response) ? c.toolResponse.response : {};
      return say(resp.error !== undefined ? `Could not write ${path}: ${String(resp.error)}` : `Wrote ${path}.`);
    }
    return { kind: 'answer', parts: [{ functionCall: { name: 'write_file', args: { file_path: path, content: `${w[2] ?? ''}\n` } } }] };
  },
};

function plan(prompt: string, toolResponse: Rec | null, directives: GeminiDirectives, depth: number): GeminiPlan {
  const m = /^\s*([A-Z]+)(?:\s+([\s\S]*))?$/.exec(prompt);
  const handler = m ? directives[m[1]!] : undefined;
  if (!handler || !Object.hasOwn(directives, m![1]!)) return say(`ok: ${oneLine(prompt)}`);
  return handler({
    arg: (m![2] ?? '').trimEnd(),
    toolResponse,
    nested: (text) => (depth === 0 && text !== '' ? plan(text, toolResponse, directives, 1) : say(`ok: ${oneLine(text)}`)),
  });
}

/** The answer to one main request (one with tools). */
export function geminiPlan(body: unknown, directives: GeminiDirectives = GEMINI_DIRECTIVES): GeminiPlan {
  const { prompt, toolResponse } = newestPrompt(body);
  return plan(prompt, toolResponse, directives, 0);
}

/** Pure: a value that fits a (Gemini-typed) JSON schema: the first enum value, 10, "scripted". */
export function fitSchema(schema: unknown): unknown {
  if (!isRec(schema)) return 'scripted';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (String(schema.type ?? '').toUpperCase()) {
    case 'OBJECT': {
      const props = isRec(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fitSchema(v)]));
    }
    case 'INTEGER':
    case 'NUMBER':
      return 10;
    case 'BOOLEAN':
      return false;
    case 'ARRAY':
      return [];
    default:
      return 'scripted';
  }
}

/**
 * The answer to a side call (no tools): the router asks for JSON fitting a schema (its model
 * choice, a complexity score); the session summary for a line of text.
 */
export function sideAnswer(body: unknown): GeminiPlan {
  const cfg = isRec(body) && isRec(body.generationConfig) ? body.generationConfig : {};
  const schema = cfg.responseJsonSchema ?? cfg.responseSchema;
  if (cfg.responseMimeType === 'application/json') return say(JSON.stringify(fitSchema(schema)));
  return say('A scripted session.');
}
