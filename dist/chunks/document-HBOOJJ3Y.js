import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PRD_STATUSES,
  SECTION_NAMES,
  parsePrd,
  prdPrompt,
  renderPrd,
  slugify
} from "./chunk-RNKVJPES.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";
export {
  PRD_STATUSES,
  SECTION_NAMES,
  parsePrd,
  prdPrompt,
  renderPrd,
  slugify
};
