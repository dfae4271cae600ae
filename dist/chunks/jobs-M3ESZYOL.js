import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  generalOf,
  jobsCommand,
  renderJobs
} from "./chunk-Y5RGMWOC.js";
import "./chunk-YON3VOFJ.js";
import "./chunk-UGPL5WF7.js";
import "./chunk-HDI4USPI.js";
import {
  createContext
} from "./chunk-KGTEZIFD.js";
import "./chunk-JFBBWCKX.js";
import "./chunk-DA3Y2OMY.js";
import "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-7E6YJFJQ.js";
import "./chunk-ZF63F73U.js";
import "./chunk-HANBNIMK.js";
export {
  createContext,
  generalOf,
  jobsCommand,
  renderJobs
};
