/**
 * One end-to-end run in a fresh process (so its peak memory is its own): load → screen → score →
 * build → solve → verify. Prints one JSON line. Used by bench/run.ts.
 * Usage: node --import tsx bench/once.ts SITES.csv MODEL.json [highs|jsLPSolver]
 */
import { performance } from "node:perf_hooks";
import { loadRunInputs } from "../src/pipeline/inputs.ts";
import { runScenario } from "../src/pipeline/run.ts";

const [sitesPath, modelPath, solver] = process.argv.slice(2);
if (!sitesPath || !modelPath) {
  process.stderr.write("usage: bench/once.ts SITES MODEL\n");
  process.exit(2);
}
const t0 = performance.now();
const loaded = await loadRunInputs(sitesPath, modelPath);
if (!loaded.ok) {
  process.stderr.write(`${JSON.stringify(loaded.issues.slice(0, 5))}\n`);
  process.exit(2);
}
const loadMs = performance.now() - t0;
const outcome = await runScenario(loaded.value.table, loaded.value.model, solver === "jsLPSolver" || solver === "highs" ? { solver } : {});
const totalMs = performance.now() - t0;
const r = outcome.result;
const stats = r.stats;
process.stdout.write(
  `${JSON.stringify({
    status: r.status,
    objective: r.status === "optimal" || r.status === "time_limit" ? r.objective : null,
    verified: outcome.verification?.ok ?? false,
    candidates: stats.candidates,
    afterReduction: stats.candidatesAfterReduction,
    variables: stats.variables,
    constraints: stats.constraints,
    formulation: stats.formulation,
    bound: r.status === "optimal" || r.status === "time_limit" ? r.bound : null,
    gap: r.status === "optimal" || r.status === "time_limit" ? r.gap : null,
    steps: stats.steps.map((s) => s.step).join(">"),
    load: loadMs,
    screen: outcome.timingsMs.screen,
    score: outcome.timingsMs.score,
    build: stats.buildMs,
    solve: stats.solveMs,
    verify: outcome.timingsMs.verify,
    total: totalMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
