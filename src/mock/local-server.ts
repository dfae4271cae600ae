// What both scripted model stand-ins (Codex's and Gemini's) share: an HTTP server on 127.0.0.1,
// request bodies read as JSON, delays that close() settles at once, and a close that ends every
// open socket, so a test never waits on a hanging request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody } from '../util/http-body.js';

export const LOCAL_HOST = '127.0.0.1';

export interface LocalServer {
  port: number;
  /** True once close() began: a handler back from a delay stops there. */
  closing(): boolean;
  /** A delay that close() ends early. */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request's path (no query) and its body: JSON when it parses, else the raw text, null when empty. */
export async function readRequest(req: IncomingMessage): Promise<{ path: string; body: unknown }> {
  const path = (req.url ?? '/').split('?')[0]!;
  const raw = await readBody(req);
  try {
    return { path, body: raw === '' ? null : JSON.parse(raw) };
  } catch {
    return { path, body: raw };
  }
}

/** Serves `handle` (given the server, for its delays) on 127.0.0.1; a handler that throws drops its connection. */
export async function serveLocal(handle: (req: IncomingMessage, res: ServerResponse, s: LocalServer) => Promise<void>, port = 0): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;
  const server = createServer((req, res) => {
    handle(req, res, local).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const local: LocalServer = {
    port: 0,
    closing: () => closing,
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.set(t, resolve);
      }),
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => resolve());
  });
  local.port = (server.address() as AddressInfo).port;
  return local;
}
