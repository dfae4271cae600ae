// Preloaded with `node --import`: appends the URL of every file: module the process loads, one a
// line, to $LOAD_TRACE_FILE (the loader hooks run on their own thread; they see the same env).
import { register } from 'node:module';

register(new URL('./load-trace-hooks.mjs', import.meta.url));
