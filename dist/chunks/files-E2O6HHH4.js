import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createPrd,
  listPrds,
  prdDir,
  readPrd
} from "./chunk-YT7PMEFD.js";
import "./chunk-4XIIL33L.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";
export {
  createPrd,
  listPrds,
  prdDir,
  readPrd
};
