import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PRD_STATUSES,
  SECTION_NAMES,
  parsePrd,
  prdPrompt,
  renderPrd,
  slugify
} from "./chunk-YD4QP5H3.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";
export {
  PRD_STATUSES,
  SECTION_NAMES,
  parsePrd,
  prdPrompt,
  renderPrd,
  slugify
};
