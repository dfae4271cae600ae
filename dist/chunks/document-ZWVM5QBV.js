import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PRD_STATUSES,
  SECTION_NAMES,
  parsePrd,
  prdPrompt,
  renderPrd,
  slugify
} from "./chunk-4XIIL33L.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";
export {
  PRD_STATUSES,
  SECTION_NAMES,
  parsePrd,
  prdPrompt,
  renderPrd,
  slugify
};
