import Table from "cli-table3";
import { positiveInteger, positiveNumber } from "../parse.ts";
import type { Command } from "commander";
import { pc } from "../colors.ts";
import { findAlternatives, type Alternatives } from "../../analysis/alternatives.ts";
import { alternativesJson } from "../../analysis/outputs.ts";
import { round } from "../../report/format.ts";
import { CliFailure, EXIT, type ExitCode } from "../exitCodes.ts";
import { runForAnalysis, type SolveCliOptions } from "./explain.ts";
import { parseFraction, progressBar } from "./sensitivity.ts";

export interface AlternativesCliOptions extends SolveCliOptions {
  readonly k: number;
  readonly within?: string;
  readonly json?: boolean;
}

const STOPS: Record<Alternatives["stoppedBecause"], string> = {
  k_reached: "stopped at k",
  outside_tolerance: "the next selection is outside the tolerance",
  exhausted: "no other feasible selection exists",
  no_solution: "the solver found no further selection within its time limit",
};

/** The terminal view: one row per selection with its objective, loss and swaps against the best. */
export function renderAlternatives(alts: Alternatives, unit: string): string {
  const table = new Table({
    head: ["#", "objective", `loss (${unit})`, "loss %", "drops", "adds"],
    colAligns: ["right", "right", "right", "right", "left", "left"],
    style: { head: [], border: [], compact: true },
  });
  for (const a of alts.alternatives) {
    const objective = `${round(a.objective, 3)}${a.status === "time_limit" ? pc.yellow(" (time limit)") : ""}`;
    table.push([a.rank, objective, round(a.lossVsBest, 3), `${(100 * a.lossFraction).toFixed(2)}%`, a.out.join(" ") || "–", a.in.join(" ") || "–"]);
  }
  const best = alts.alternatives[0];
  const lines = [table.toString()];
  if (best) lines.push(`best selection: ${best.selected.join(" ")}`);
  lines.push(`${alts.alternatives.length} distinct selection${alts.alternatives.length === 1 ? "" : "s"}; ${STOPS[alts.stoppedBecause]}`);
  return lines.join("\n");
}

/** `gigasite alternatives`: the k best distinct selections, by no-good cuts. */
export async function alternativesCommand(options: AlternativesCliOptions): Promise<ExitCode> {
  if (!Number.isInteger(options.k) || options.k < 1) throw new CliFailure(`--k expects a whole number >= 1, found ${String(options.k)}`, EXIT.badInput);
  const within = options.within === undefined ? undefined : parseFraction(options.within);
  if (within === null) throw new CliFailure(`--within expects a fraction such as 2% or 0.02, found ${String(options.within)}`, EXIT.badInput);
  const outcome = await runForAnalysis(options);
  if (typeof outcome === "number") return outcome;
  const bar = progressBar(options.k, "selections");
  const alts = await findAlternatives(outcome.problem, {
    k: options.k,
    ...(within !== undefined ? { withinFraction: within } : {}),
    onSolve: (found) => bar.update(found),
  });
  bar.stop();
  if (alts.alternatives.length === 0) {
    process.stderr.write(pc.red(`no selection: the model is ${alts.firstStatus.replace("_", " ")}; run \`gigasite run\` for the reasons\n`));
    return alts.firstStatus === "infeasible" ? EXIT.infeasible : EXIT.timeLimit;
  }
  if (options.json) {
    const json = alternativesJson(alts, outcome.model.name, outcome.problem.objective.kind);
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const unit = outcome.problem.objective.kind === "minCost" ? "$B/yr" : "points";
    process.stdout.write(`${pc.bold(`${outcome.model.name}: the ${options.k} best distinct selections${within !== undefined ? ` within ${round(100 * within, 3)}%` : ""}`)}\n${renderAlternatives(alts, unit)}\n`);
  }
  return alts.alternatives.some((a) => a.status === "time_limit") ? EXIT.timeLimit : EXIT.ok;
}

export function registerAlternatives(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("alternatives")
    .description("the k best distinct selections (near-optimal options), with what each swaps")
    .option("--sites <file>", "sites CSV", "data/sites.csv")
    .option("--model <file>", "scenario model JSON", "models/baseline.json")
    .option("--k <n>", "number of selections", positiveInteger, 5)
    .option("--within <fraction>", "keep only selections within this much of the best objective, e.g. 2%")
    .option("--solver <name>", "jsLPSolver (default) or highs")
    .option("--time-limit <seconds>", "solver time limit per solve, seconds", positiveNumber)
    .option("--json", "print the selections as JSON")
    .action((opts: AlternativesCliOptions) => act(() => alternativesCommand(opts)));
}
