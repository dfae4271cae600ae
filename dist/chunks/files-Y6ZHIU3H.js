import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createPrd,
  listPrds,
  prdDir,
  readPrd
} from "./chunk-RTN4XUNF.js";
import "./chunk-SRZVPBSC.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";
export {
  createPrd,
  listPrds,
  prdDir,
  readPrd
};
