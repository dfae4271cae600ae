// Loader hooks for load-trace.mjs.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (url.startsWith('file:') && process.env.LOAD_TRACE_FILE) appendFileSync(process.env.LOAD_TRACE_FILE, `${url}\n`);
  return loaded;
}
