import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  exactUtf8
} from "./chunk-HJ75533M.js";
import {
  AgentError,
  TimeoutError,
  UsageError
} from "./chunk-4XPRIXJ7.js";

// src/util/stdin.ts
var STDIN_IDLE_MS = 3e5;
function size(n) {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  return n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}
function readAll(input, opts) {
  const idleMs = opts.idleMs ?? STDIN_IDLE_MS;
  return new Promise((resolve, reject) => {
    const chunks = [];
    let bytes = 0;
    let timer;
    const finish = (err) => {
      clearTimeout(timer);
      input.off("data", onData).off("end", onEnd).off("error", onError);
      if (err) {
        input.destroy();
        reject(err);
      } else {
        try {
          resolve(exactUtf8(Buffer.concat(chunks, bytes), `${opts.what} on stdin`));
        } catch (e) {
          reject(e);
        }
      }
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const secs = Number((idleMs / 1e3).toFixed(1));
        finish(new TimeoutError(`stdin: nothing arrived for ${secs}s and it was not closed (${size(bytes)} of ${opts.what} read); end the input to send it`));
      }, idleMs);
    };
    const onData = (chunk) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      if (bytes > opts.maxBytes) return finish(new UsageError(`${opts.what} on stdin is larger than ${size(opts.maxBytes)}`));
      chunks.push(buf);
      arm();
    };
    const onEnd = () => finish(null);
    const onError = (err) => finish(new AgentError(`stdin: cannot read ${opts.what}: ${err.message}`));
    input.on("data", onData).on("end", onEnd).on("error", onError);
    arm();
  });
}
function readStdin(opts) {
  return readAll(process.stdin, opts);
}

export {
  readAll,
  readStdin
};
