import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two cores: DuckDB and Chromium tests are heavy, so keep workers at two.
    maxWorkers: 2,
    // Generous for a loaded 2-core machine: nothing is built inside a test or a hook (test/preparer.ts builds first),
    // so a time-out means a hang, not slowness.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
