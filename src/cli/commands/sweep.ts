import { terminalTable } from "../table.ts";
import { pc } from "../colors.ts";
import { join } from "node:path";
import {
  duration,
  loadRunInputs,
  round,
  sweepCsv,
  sweepJson,
  sweepSitesCsv,
  writeOutputs,
  type InputIssue,
  type RunInputsLoaded,
  type Sweep,
} from "../../index.ts";
import { ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { setInterruptNote } from "../interrupt.ts";
import { printIssues } from "../terminal.ts";
import { sweepOffThread, warmComputeThread } from "../computeThread.ts";
import { problemOptionsOf } from "../solveOptions.ts";
import type { SolverName, WarningCliOptions } from "../options.ts";
import { progressBar } from "../progress.ts";
import { sitesArgument } from "../stdin.ts";

export interface SweepOptions extends WarningCliOptions {
  readonly sites: string;
  readonly solver?: SolverName;
  readonly timeLimit?: number;
  readonly json?: boolean;
  /** Output root: sweep.csv and sweep_sites.csv go to `<out>/sweep/`. */
  readonly out: string;
  readonly force?: boolean;
}

/** The folder under the output root that a sweep writes (it spans models, so no model's name). */
export const SWEEP_FOLDER = "sweep";

/** The terminal view: one row per model, then the robust core and the single-model sites. */
export function renderSweep(sweep: Sweep): string {
  const table = terminalTable({
    head: ["model", "status", "objective", "budget used $B", "sites", "solve"],
    colAligns: ["left", "left", "right", "right", "left", "right"],
    wordWrap: true,
    colWidths: [null, null, null, null, 62, null],
  });
  const robust = new Set<string>(sweep.robustCore);
  for (const r of sweep.rows) {
    const status = r.status === "optimal" ? pc.green(r.status) : pc.yellow(r.status);
    const sites = r.selected.map((id) => (robust.has(id) ? pc.bold(id) : id)).join(" ");
    const used = r.budgetUsedBn === null ? "–" : `${round(r.budgetUsedBn, 2)} of ${round(r.budgetBn, 2)}`;
    table.push([
      r.model,
      status,
      r.objective === null ? "–" : `${round(r.objective, 2)}${r.objectiveKind === "minCost" ? " $B/yr" : ""}`,
      used,
      sites,
      duration(r.solveMs),
    ]);
  }
  const lines = [table.toString()];
  lines.push(`robust core (chosen by every model with a selection): ${sweep.robustCore.length > 0 ? pc.bold(sweep.robustCore.join(", ")) : "none"}`);
  const unique = sweep.uniqueTo.map((u) => `${u.siteId} (${u.model})`);
  lines.push(`chosen by one model only: ${unique.length > 0 ? unique.join(", ") : "none"}`);
  if (sweep.withoutSelection.length > 0) lines.push(pc.yellow(`no selection, left out of the core: ${sweep.withoutSelection.join(", ")}`));
  return lines.join("\n");
}

/** `gigasite sweep MODEL...`: one CSV under several models. */
export async function sweepCommand(modelPaths: readonly string[], options: SweepOptions): Promise<ExitCode> {
  warmComputeThread();
  const sites = await sitesArgument(options.sites);
  const loaded = await Promise.all(modelPaths.map((m) => loadRunInputs(sites.path, m, sites.bytes ? { sitesBytes: sites.bytes } : {})));
  const issues: InputIssue[] = [];
  const inputs: Pick<RunInputsLoaded, "table" | "model" | "layers">[] = [];
  for (const l of loaded) {
    // One by one: a spread of a few hundred thousand issues would overflow the call stack.
    for (const issue of l.ok ? l.value.warnings : l.issues) issues.push(issue);
    if (l.ok) {
      // One table object for every model whose CSV bytes are the same: loaded once in effect.
      const first = inputs.find((i) => i.table.sha256 === l.value.table.sha256 && i.table.columns.length === l.value.table.columns.length);
      inputs.push({ table: first?.table ?? l.value.table, model: l.value.model, layers: l.value.layers });
    }
  }
  printIssues(issues, options);
  if (inputs.length < modelPaths.length) return EXIT.badInput;
  const bar = progressBar(inputs.length, "models");
  const sweep = await sweepOffThread(inputs, problemOptionsOf(options), (done) => bar.update(done));
  bar.stop();
  const dir = join(options.out, SWEEP_FOLDER);
  setInterruptNote(() => `while writing ${dir} (the previous files or the new ones, whole)`);
  const files = new Map([
    ["sweep.csv", sweepCsv(sweep)],
    ["sweep_sites.csv", sweepSitesCsv(sweep)],
  ]);
  ensureWritten(await writeOutputs(dir, files, { force: options.force ?? false, protect: [sites.path, ...modelPaths] }));
  if (options.json) printJson(sweepJson(sweep));
  else process.stdout.write(`${renderSweep(sweep)}\nwrote ${join(dir, "sweep.csv")} and sweep_sites.csv\n`);
  return sweep.withoutSelection.length > 0 ? EXIT.infeasible : EXIT.ok;
}
