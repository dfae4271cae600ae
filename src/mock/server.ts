// Local HTTP stand-in for the OpenAI Responses API, driven by a Plan per request (default: the
// scripted plan of ./plan.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_HOST, readRequest, sendJson, serveLocal, type LocalServer } from './local-server.js';
import { scriptedPlan, type Plan } from './plan.js';

export interface RecordedRequest {
  path: string;
  body: unknown;
  at: number;
}

export interface ModelServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface ModelServerOptions {
  host?: '127.0.0.1';
  port?: number;
  plan?: (body: unknown) => Plan;
}

function frame(event: object): string {
  const name = (event as { type?: unknown }).type;
  return `event: ${typeof name === 'string' ? name : 'message'}\ndata: ${JSON.stringify(event)}\n\n`;
}

export async function startModelServer(opts: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: RecordedRequest[] = [];
  const plan = opts.plan ?? scriptedPlan();

  async function execute(p: Plan, res: ServerResponse, local: LocalServer): Promise<void> {
    if (p.kind === 'hang') return; // the socket stays open until the client or close() ends it
    if (p.delayMs) await local.wait(p.delayMs);
    if (local.closing() || res.destroyed) return;
    if (p.kind === 'http_error') return sendJson(res, p.status, p.body);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const e of p.events) res.write(frame(e));
    if (p.kind === 'sse') {
      res.end();
      return;
    }
    // A cut: flush what was written, then drop the connection without the final chunk.
    res.socket?.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, local: LocalServer): Promise<void> {
    const { path, body } = await readRequest(req);
    requests.push({ path, body, at: Date.now() });
    if (req.method !== 'POST' || path !== '/v1/responses') {
      return sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } });
    }
    let p: Plan;
    try {
      p = plan(body);
    } catch (e) {
      return sendJson(res, 500, { error: { message: `plan failed: ${String(e)}`, type: 'server_error', param: null, code: null } });
    }
    await execute(p, res, local);
  }

  const local = await serveLocal(handle, opts.port);

  return {
    url: `http://${LOCAL_HOST}:${local.port}/v1`,
    port: local.port,
    requests,
    close: local.close,
  };
}
