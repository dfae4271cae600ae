import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  generalOf,
  jobsCommand,
  renderJobs
} from "./chunk-BUWLWROC.js";
import "./chunk-LTFBPMDM.js";
import "./chunk-C6MIQNKJ.js";
import "./chunk-S5O3TSTX.js";
import {
  createContext
} from "./chunk-NAVB3FHF.js";
import "./chunk-M4M54PVD.js";
import "./chunk-VJ7HCNPQ.js";
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
