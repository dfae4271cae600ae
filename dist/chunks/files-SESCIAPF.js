import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createPrd,
  listPrds,
  prdDir,
  readPrd
} from "./chunk-OBCPIT3B.js";
import "./chunk-YD4QP5H3.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";
export {
  createPrd,
  listPrds,
  prdDir,
  readPrd
};
