import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createPrd,
  listPrds
} from "./chunk-57RDX4N6.js";
import "./chunk-RNKVJPES.js";
import "./chunk-HJ75533M.js";
import {
  emit
} from "./chunk-USXZDTZA.js";
import "./chunk-R3LRDQ2H.js";
import {
  EXIT
} from "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";

// src/commands/prd.ts
import { relative } from "node:path";
function prdNewCommand(title, opts) {
  const path = createPrd(opts.dir ?? process.cwd(), title.trim(), opts.phases ?? 3, (/* @__PURE__ */ new Date()).toISOString().slice(0, 10));
  emit(opts.json, { path, title: title.trim(), status: "draft" }, (p) => `PRD written: ${p.path}
Fill in its sections, then: codex-agent start --prd ${p.path} --phase 1`);
}
function prdListCommand(opts) {
  const root = opts.dir ?? process.cwd();
  const listed = listPrds(root);
  const prds = listed.flatMap(
    (l) => l.prd ? [{ path: relative(root, l.path), title: l.prd.meta.title, status: l.prd.meta.status, created: l.prd.meta.created, phases: l.prd.meta.phases }] : []
  );
  const errors = listed.flatMap((l) => l.error ? [{ path: relative(root, l.path), error: l.error }] : []);
  emit(
    opts.json,
    { prds, errors },
    (p) => p.prds.length === 0 && p.errors.length === 0 ? 'No PRDs in docs/prds/. Write one with: codex-agent prd new "<title>"' : p.prds.map((x) => `${x.status.padEnd(11)} ${x.created}  ${x.title}  (${x.phases.length} phases)  ${x.path}`).join("\n")
  );
  for (const e of errors) process.stderr.write(`codex-agent: ${e.error}
`);
  if (errors.length) process.exitCode = EXIT.usage;
}
export {
  prdListCommand,
  prdNewCommand
};
