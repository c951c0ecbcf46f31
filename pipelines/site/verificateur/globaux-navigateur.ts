// Node's globals as the checker's modules name them, for the browser bundle (bundle.ts): Buffer from the npm package
// that exceljs's own browser build ships, and an empty environment (no variable of the pipeline applies to a check).
export { Buffer } from "buffer/index.js";
export const process = { env: {} as Record<string, string | undefined> };
