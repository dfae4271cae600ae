// Local HTTP stand-in for the OpenAI Responses API, driven by a Plan per request (default: the
// scripted plan of ./plan.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { scriptedPlan, type Plan } from './plan.js';
import { readBody } from '../util/http-body.js';

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

function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startModelServer(opts: ModelServerOptions = {}): Promise<ModelServer> {
  const host = '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;
  const plan = opts.plan ?? scriptedPlan();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.set(t, resolve);
    });

  async function execute(p: Plan, res: ServerResponse): Promise<void> {
    if (p.kind === 'hang') return; // the socket stays open until the client or close() ends it
    if (p.delayMs) await wait(p.delayMs);
    if (closing || res.destroyed) return;
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw === '' ? null : JSON.parse(raw);
    } catch {
      body = raw;
    }
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
    await execute(p, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/v1`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        // Settle pending delays so their handlers see `closing` and stop.
        for (const [t, done] of timers) {
          clearTimeout(t);
          done();
        }
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
