/**
 * Budget frontier: re-solve the same screened and scored problem at budgets from $80B to
 * $130B and print, for each, the objective, the sites that changed and what one more billion
 * buys (the marginal value of $1B over the step).
 *
 *   npx tsx examples/budget-frontier.ts [sites.csv] [model.json] [--step 5] [--time-limit 10]
 *
 * Each budget gets its own solver time limit (seconds); a point that hits it says so with its gap.
 */
import { formatIssue, optimize, runFromFiles, type OptimizeResult, type SiteId } from "../src/index.ts";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const stepBn = flag("--step", 5);
const timeLimitSeconds = flag("--time-limit", 10);
if (!(stepBn > 0) || !(timeLimitSeconds > 0)) {
  console.error("--step and --time-limit take positive numbers");
  process.exit(2);
}
const [sitesPath = "data/sites.csv", modelPath = "models/baseline.json"] = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));

const run = await runFromFiles(sitesPath, modelPath);
if (run.status === "invalid") {
  console.error(run.issues.map(formatIssue).join("\n"));
  process.exit(2);
}
const { problem } = run.outcome;
const capexOf = new Map(problem.candidates.map((c) => [c.siteId, c.capexBn]));
const solved = (r: OptimizeResult) => (r.status === "optimal" || r.status === "time_limit" ? r : null);

console.log(`Budget frontier for ${run.outcome.model.name} (${problem.candidates.length} screened-in sites, ${problem.sitesToSelect} to pick)`);
console.log("budget   status       objective  capex used  marginal/$1B  sites");
let previous: { objective: number; budgetBn: number; selected: readonly SiteId[] } | null = null;
for (let budgetBn = 80; budgetBn <= 130 + 1e-9; budgetBn += stepBn) {
  // The best score at each budget (scoreOnly: no GW-months stage, whose scores may sit up to its tolerance below the best).
  const result = await optimize({ ...problem, budgetBn, timeLimitMs: timeLimitSeconds * 1000, scoreOnly: true });
  const s = solved(result);
  const money = `$${budgetBn.toFixed(0)}B`.padEnd(8);
  if (s === null) {
    const why = result.status === "infeasible" ? (result.reasons[0] ?? "") : result.status === "no_solution" ? result.message : "";
    console.log(`${money} ${result.status.padEnd(11)}          -           -             -  ${why}`);
    previous = null;
    continue;
  }
  const used = s.selected.reduce((sum, id) => sum + (capexOf.get(id) ?? 0), 0);
  const marginal = previous === null ? "-" : ((s.objective - previous.objective) / (budgetBn - previous.budgetBn)).toFixed(2);
  let sites = s.selected.join(" ");
  if (previous !== null) {
    const before = new Set(previous.selected);
    const now = new Set(s.selected);
    const entered = s.selected.filter((id) => !before.has(id)).map((id) => `+${id}`);
    const left = previous.selected.filter((id) => !now.has(id)).map((id) => `-${id}`);
    sites = entered.length + left.length === 0 ? "same sites" : [...entered, ...left].join(" ");
  }
  const status = s.status === "optimal" ? "optimal" : `gap ${(s.gap * 100).toFixed(2)}%`;
  console.log(
    `${money} ${status.padEnd(11)} ${s.objective.toFixed(2).padStart(9)}  ${`$${used.toFixed(2)}B`.padStart(10)}  ${marginal.padStart(12)}  ${sites}`,
  );
  previous = { objective: s.objective, budgetBn, selected: s.selected };
}
console.log("marginal/$1B: objective gained per extra $1B since the previous budget (score points, or $B/yr under minCost).");
