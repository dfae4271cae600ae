import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  generalOf,
  jobsCommand,
  renderJobs
} from "./chunk-HE2Y5ESJ.js";
import "./chunk-XCO3FMNT.js";
import "./chunk-HC7AZ2XU.js";
import "./chunk-H22OVSBO.js";
import {
  createContext
} from "./chunk-ZSL5RDRM.js";
import "./chunk-66JJZEQN.js";
import "./chunk-7SM3KLY2.js";
import "./chunk-USXZDTZA.js";
import "./chunk-GJCWKZOD.js";
import "./chunk-R3LRDQ2H.js";
import "./chunk-4XPRIXJ7.js";
import "./chunk-HANBNIMK.js";
export {
  createContext,
  generalOf,
  jobsCommand,
  renderJobs
};
