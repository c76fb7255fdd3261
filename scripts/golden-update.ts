/**
 * Regenerates test/golden/<model>/ from the bundled runs: `npm run golden:update`, on purpose
 * only, after a change that is meant to change an output. Review `git diff test/golden` before
 * committing. `npm run golden:update -- baseline` regenerates one model.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN_DIR, GOLDEN_RUNS, goldenFiles } from "../test/golden/goldenRuns.ts";

const only = process.argv.slice(2);
const unknown = only.filter((name) => !GOLDEN_RUNS.some((r) => r.name === name));
if (unknown.length > 0) {
  console.error(`unknown golden run ${unknown.join(", ")}; known: ${GOLDEN_RUNS.map((r) => r.name).join(", ")}`);
  process.exit(2);
}
for (const run of GOLDEN_RUNS) {
  if (only.length > 0 && !only.includes(run.name)) continue;
  const t0 = Date.now();
  const files = await goldenFiles(run);
  const dir = join(GOLDEN_DIR, run.name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) writeFileSync(join(dir, file), text);
  console.log(`test/golden/${run.name}/: ${[...files.keys()].join(", ")} (${Date.now() - t0} ms)`);
}
