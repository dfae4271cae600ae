import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createPrd,
  listPrds,
  prdDir,
  readPrd
} from "./chunk-57RDX4N6.js";
import "./chunk-RNKVJPES.js";
import "./chunk-HJ75533M.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";
export {
  createPrd,
  listPrds,
  prdDir,
  readPrd
};
