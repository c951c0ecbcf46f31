// Framework's client bundle names lazily-loaded libraries (React for JSX, Leaflet, ECharts… behind implicit globals)
// by exact npm version, and asks registry.npmjs.org for « latest » unless its cache already knows a version.
// Our pages use none of them (they import from node_modules), so we tell the cache a fixed version of each:
// the build then makes no network request and its output no longer depends on the day it ran.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** Versions Framework 1.13.4 resolved when the registry was reachable; only ever written as dead paths in its client. */
export const LAZY_LIBRARIES: Record<string, string> = {
  "@observablehq/plot": "0.6.17",
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "21.2.0",
  arquero: "8.0.3",
  d3: "7.9.2",
  "d3-dsv": "3.0.2",
  echarts: "6.1.0",
  htl: "1.0.0",
  leaflet: "1.9.4",
  lodash: "4.18.1",
  "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "topojson-client": "3.1.0",
};

export function seedNpmVersionCache(root: string): void {
  for (const [name, version] of Object.entries(LAZY_LIBRARIES)) {
    mkdirSync(join(root, ".observablehq", "cache", "_npm", `${name}@${version}`), { recursive: true });
  }
}
