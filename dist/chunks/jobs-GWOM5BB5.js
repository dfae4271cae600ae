import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  generalOf,
  jobsCommand,
  renderJobs
} from "./chunk-LA7MKRD6.js";
import "./chunk-SR3HBTVY.js";
import "./chunk-E7RBPSEV.js";
import "./chunk-K65BFRVV.js";
import {
  createContext
} from "./chunk-5SWFSGEU.js";
import "./chunk-VTS7YFIR.js";
import "./chunk-PLS6CM4U.js";
import "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";
export {
  createContext,
  generalOf,
  jobsCommand,
  renderJobs
};
