import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/waker.ts
import { watch } from "node:fs";
var Waker = class {
  watchers = [];
  watched = /* @__PURE__ */ new Set();
  changed = false;
  wake = null;
  constructor(paths = []) {
    for (const p of paths) this.watch(p);
  }
  /** Starts watching a path; a path that cannot be watched leaves the poll to pace the waits. */
  watch(path) {
    if (this.watched.has(path)) return;
    this.watched.add(path);
    try {
      const w = watch(path, { persistent: false }, () => this.poke());
      w.on("error", () => void 0);
      this.watchers.push(w);
    } catch {
    }
  }
  poke() {
    this.changed = true;
    this.wake?.();
  }
  /** Resolves on the next change (at once if one came since the last wait), or after `ms`. */
  wait(ms) {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.changed = false;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wake = done;
    });
  }
  close() {
    for (const w of this.watchers.splice(0)) w.close();
    this.watched.clear();
    this.wake?.();
  }
};

export {
  Waker
};
