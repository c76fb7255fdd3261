import { terminalTable } from "../table.ts";
import { pc } from "../colors.ts";
import { join } from "node:path";
import { alternativesCsv, alternativesJson, outputFolder, round, writeOutputs, type Alternatives } from "../../index.ts";
import { ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { setInterruptNote } from "../interrupt.ts";
import { alternativesOffThread } from "../computeThread.ts";
import { runForAnalysis, type SolveCliOptions } from "../loadAndSolve.ts";
import { progressBar } from "../progress.ts";

export interface AlternativesCliOptions extends SolveCliOptions {
  readonly k: number;
  /** A fraction of the best objective (the CLI parses "2%"). */
  readonly within?: number;
  readonly json?: boolean;
  /** Output root: alternatives.csv goes to `<out>/<model>/`. */
  readonly out: string;
  readonly force?: boolean;
}

const STOPS: Record<Alternatives["stoppedBecause"], string> = {
  k_reached: "stopped at k",
  outside_tolerance: "the next selection is outside the tolerance",
  exhausted: "no other feasible selection exists",
  no_solution: "the solver found no further selection within its time limit",
};

/** The terminal view: one row per selection with its objective, loss and swaps against the best. */
export function renderAlternatives(alts: Alternatives, unit: string): string {
  const table = terminalTable({
    head: ["#", "objective", `loss (${unit})`, "loss %", "drops", "adds"],
    colAligns: ["right", "right", "right", "right", "left", "left"],
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
  const within = options.within;
  const outcome = await runForAnalysis(options);
  if (typeof outcome === "number") return outcome;
  const bar = progressBar(options.k, "selections");
  const alts = await alternativesOffThread(outcome, { k: options.k, ...(within !== undefined ? { withinFraction: within } : {}) }, (found) =>
    bar.update(found),
  );
  bar.stop();
  if (alts.alternatives.length === 0) {
    process.stderr.write(pc.red(`no selection: the model is ${alts.firstStatus.replace("_", " ")}; run \`gigasite run\` for the reasons\n`));
    return alts.firstStatus === "infeasible" ? EXIT.infeasible : EXIT.timeLimit;
  }
  const dir = outputFolder(options.out, outcome.model.name);
  const file = join(dir, "alternatives.csv");
  setInterruptNote(() => `while writing ${file} (the previous file or the new one, whole)`);
  ensureWritten(
    await writeOutputs(dir, new Map([["alternatives.csv", alternativesCsv(alts)]]), { force: options.force ?? false, protect: [options.sites, options.model] }),
  );
  if (options.json) {
    const json = alternativesJson(alts, outcome.model.name, outcome.problem.objective.kind);
    printJson(json);
  } else {
    const unit = outcome.problem.objective.kind === "minCost" ? "$B/yr" : "points";
    process.stdout.write(
      `${pc.bold(`${outcome.model.name}: the ${options.k} best distinct selections${within !== undefined ? ` within ${round(100 * within, 3)}%` : ""}`)}\n${renderAlternatives(alts, unit)}\nwrote ${file}\n`,
    );
  }
  return alts.alternatives.some((a) => a.status === "time_limit") ? EXIT.timeLimit : EXIT.ok;
}
