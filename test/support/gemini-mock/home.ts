// A private HOME for the real Gemini CLI against the stand-in: the product's (src/mock/gemini/home.ts).
export { GEMINI_FOREIGN_ENV, prepareGeminiHome } from '../../../src/mock/gemini/home.js';
