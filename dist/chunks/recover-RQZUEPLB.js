import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildRecover,
  recoverCommand
} from "./chunk-QGESQCFR.js";
import "./chunk-VKTE7KWA.js";
import "./chunk-5SZMRB7J.js";
import "./chunk-PBA3URAW.js";
import "./chunk-ZLQHJW7P.js";
import "./chunk-WMGFHZSN.js";
import {
  createContext
} from "./chunk-ASBKF7PN.js";
import "./chunk-YNL5WG5H.js";
import "./chunk-4MN46AMV.js";
import "./chunk-5ISQCS6K.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-665DYP36.js";
import "./chunk-HANBNIMK.js";
export {
  buildRecover,
  createContext,
  recoverCommand
};
