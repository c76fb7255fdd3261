import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Every core: vitest's default leaves one idle (one worker on a two-core machine), while
    // many tests wait on the child processes they start.
    maxWorkers: availableParallelism(),
    // Test files share their worker's module cache instead of importing src/ afresh each time
    // (that import was over a tenth of the suite's CPU time). No test file mocks modules or
    // leaves global state behind (fake timers are restored), so files stay independent.
    isolate: false,
    globalSetup: ["test/globalSetup.ts"],
    // `npm run coverage`: the library's sources as the tests run them in process (the CLI tests
    // run the compiled dist/ in child processes, which V8 coverage of the test workers cannot see).
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text", "text-summary"],
      reportsDirectory: "coverage",
    },
  },
});
