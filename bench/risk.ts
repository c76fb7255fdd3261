/**
 * The delay-risk figures of `npm run bench`: a 10,000-sample evaluation of the bundled baseline
 * plan (targets: < 5 s), and robust planning with 100 scenarios on the bundled data, proven
 * optimal (target: < 30 s). In this process, after the plan is solved: only the evaluation and
 * the robust solve are timed.
 */
import { performance } from "node:perf_hooks";
import { loadRunInputs } from "../src/pipeline/inputs.ts";
import { buildProblem } from "../src/pipeline/problem.ts";
import { runScenario } from "../src/pipeline/run.ts";
import { optimize } from "../src/optimize/solve.ts";
import { screenSites } from "../src/screen/screen.ts";
import { scoreSites } from "../src/score/score.ts";
import { evaluatePlanRisk } from "../src/risk/evaluateRun.ts";
import { planRiskOf } from "../src/risk/ofRun.ts";

export interface RiskBench {
  readonly evaluation: {
    readonly samples: number;
    readonly workers: number;
    readonly ms: number;
    readonly cpuMs: number;
    readonly probabilityAllMet: number;
  }[];
  readonly robust: {
    readonly scenarios: number;
    readonly alpha: number;
    readonly status: string;
    readonly objective: number | null;
    readonly gap: number | null;
    readonly ms: number;
    readonly cpuMs: number;
    readonly variables: number;
    readonly rows: number;
  };
}

/** CPU time of this process (all its threads) since `start`, ms: on a shared machine it says more than wall time. */
const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** Runs both measurements. @example const r = await measureRisk(); r.robust.status // "optimal" */
export async function measureRisk(): Promise<RiskBench> {
  const baseline = await loadRunInputs("data/sites.csv", "models/baseline.json");
  if (!baseline.ok) throw new Error("bench: the baseline model did not load");
  const outcome = await runScenario(baseline.value.table, baseline.value.model);
  const setup = planRiskOf(outcome, { samples: 10_000 });
  if (!setup.ok) throw new Error(`bench: ${setup.reason}`);
  const evaluation = [];
  for (const workers of [0, 1]) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const run = await evaluatePlanRisk(setup.base, { samples: 10_000, workers });
    evaluation.push({ samples: 10_000, workers, ms: performance.now() - t, cpuMs: cpuMsSince(cpu), probabilityAllMet: run.summary.probabilityAllMet });
  }
  const robustInputs = await loadRunInputs("data/sites.csv", "models/risk/robust.json");
  if (!robustInputs.ok) throw new Error("bench: models/risk/robust.json did not load");
  const { table, model } = robustInputs.value;
  const screen = screenSites(table.sites, model);
  const scored = scoreSites(screen.passed, model).sort((a, b) => b.overall - a.overall || (a.site.siteId < b.site.siteId ? -1 : 1));
  const problem = buildProblem(scored, screen.readiness, model);
  const t = performance.now();
  const cpu = process.cpuUsage();
  const result = await optimize(problem);
  const ms = performance.now() - t;
  const cpuMs = cpuMsSince(cpu);
  const solved = result.status === "optimal" || result.status === "time_limit" ? result : null;
  return {
    evaluation,
    robust: {
      scenarios: problem.scenarios?.count ?? 0,
      alpha: model.risk?.robust?.alpha ?? 0,
      status: result.status,
      objective: solved?.objective ?? null,
      gap: solved?.gap ?? null,
      ms,
      cpuMs,
      variables: result.stats.variables,
      rows: result.stats.constraints,
    },
  };
}

/** The lines `npm run bench` prints. */
export function riskLines(r: RiskBench): string[] {
  return [
    ...r.evaluation.map(
      (e) =>
        `delay risk: ${e.samples.toLocaleString("en-US")}-sample evaluation of the baseline plan, ${e.workers} worker thread${e.workers === 1 ? "" : "s"}: ${(e.ms / 1000).toFixed(2)} s wall, ${(e.cpuMs / 1000).toFixed(2)} s CPU (target < 5 s: ${e.ms < 5000 ? "met" : "NOT met"}); P(all met) ${(100 * e.probabilityAllMet).toFixed(1)}%`,
    ),
    `robust planning: ${r.robust.scenarios} scenarios, α = ${r.robust.alpha}, ${r.robust.variables} variables, ${r.robust.rows} rows: ${r.robust.status} in ${(r.robust.ms / 1000).toFixed(2)} s wall, ${(r.robust.cpuMs / 1000).toFixed(2)} s CPU (target: proven optimal < 30 s: ${r.robust.status === "optimal" && r.robust.ms < 30_000 ? "met" : "NOT met"}), objective ${r.robust.objective?.toFixed(3) ?? "none"}`,
  ];
}

if (process.argv[1]?.endsWith("risk.ts")) {
  const r = await measureRisk();
  process.stdout.write(`${riskLines(r).join("\n")}\n`);
}
