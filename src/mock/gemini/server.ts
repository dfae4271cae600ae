// Local HTTP stand-in for the Gemini API (generativelanguage v1beta), driven by a plan per main
// request (default: the scripted plan of ./plan.ts). It records every request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_HOST, readRequest, sendJson, serveLocal, type LocalServer } from '../local-server.js';
import { geminiPlan, hasTools, sideAnswer, type GeminiPlan } from './plan.js';

export interface GeminiRequest {
  /** The model and method: "gemini-2.5-pro:streamGenerateContent". */
  call: string;
  body: unknown;
  /** The x-goog-api-key header. */
  key: string | null;
  at: number;
}

export interface GeminiServer {
  /** For GOOGLE_GEMINI_BASE_URL. */
  url: string;
  port: number;
  requests: GeminiRequest[];
  /** The main calls only (the ones that carry tools). */
  mainRequests(): GeminiRequest[];
  close(): Promise<void>;
}

const ROUTE = /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/;

/** Pure: the response chunks of one answer; usage grows with the request's size. */
export function answerChunks(plan: Extract<GeminiPlan, { kind: 'answer' }>, body: unknown): object[] {
  const prompt = Math.max(1, Math.ceil(JSON.stringify((body as { contents?: unknown } | null)?.contents ?? '').length / 4));
  const out = Math.max(1, Math.ceil(JSON.stringify(plan.parts).length / 4));
  const usageMetadata = { promptTokenCount: prompt, candidatesTokenCount: out, totalTokenCount: prompt + out };
  const texts = plan.parts.filter((p) => typeof p.text === 'string');
  // Text arrives in two chunks (as a real stream would); other parts in the last one.
  const chunks: object[] = [];
  if (texts.length === 1 && plan.parts.length === 1) {
    const t = texts[0]!.text as string;
    const cut = Math.floor(t.length / 2);
    if (cut > 0) chunks.push({ candidates: [{ content: { role: 'model', parts: [{ text: t.slice(0, cut) }] }, index: 0 }] });
    chunks.push({ candidates: [{ content: { role: 'model', parts: [{ text: t.slice(cut) }] }, finishReason: 'STOP', index: 0 }], usageMetadata });
    return chunks;
  }
  return [{ candidates: [{ content: { role: 'model', parts: plan.parts }, finishReason: 'STOP', index: 0 }], usageMetadata }];
}

export interface GeminiServerOptions {
  /** The answer to each main request (one with tools); side calls always get `sideAnswer`. */
  plan?: (body: unknown) => GeminiPlan;
}

export async function startGeminiServer(opts: GeminiServerOptions = {}): Promise<GeminiServer> {
  const mainPlan = opts.plan ?? ((body: unknown) => geminiPlan(body));
  const requests: GeminiRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse, local: LocalServer): Promise<void> {
    const { path, body } = await readRequest(req);
    const m = ROUTE.exec(path);
    const key = req.headers['x-goog-api-key'];
    requests.push({ call: m ? `${m[1]}:${m[2]}` : path, body, key: typeof key === 'string' ? key : null, at: Date.now() });
    if (req.method !== 'POST' || !m) return sendJson(res, 404, { error: { code: 404, message: `No route ${req.method} ${path}`, status: 'NOT_FOUND' } });
    const plan = hasTools(body) ? mainPlan(body) : sideAnswer(body);
    if (plan.delayMs) await local.wait(plan.delayMs);
    if (local.closing() || res.destroyed) return;
    if (plan.kind === 'http_error') return sendJson(res, plan.status, plan.body);
    const chunks = answerChunks(plan, body);
    if (m[2] === 'generateContent') {
      // One response: the whole answer, with the usage of the last chunk.
      const last = chunks[chunks.length - 1] as { usageMetadata?: object };
      return sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: plan.parts }, finishReason: 'STOP', index: 0 }], usageMetadata: last.usageMetadata });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\r\n\r\n`);
    res.end();
  }

  const local = await serveLocal(handle);
  return {
    url: `http://${LOCAL_HOST}:${local.port}`,
    port: local.port,
    requests,
    mainRequests: () => requests.filter((r) => hasTools(r.body)),
    close: local.close,
  };
}
