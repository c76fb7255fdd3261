/**
 * A custom criterion computed in code: "months to first GW", the later of permitting and time
 * to power (blank cells take the model's slow assumptions), added to the sites as a column and
 * to the model as a criterion of its own pillar, then scored and optimized.
 *
 *   npx tsx examples/custom-criterion.ts [sites.csv] [model.json]
 */
import {
  addColumn,
  checkRunInputs,
  describeOutcomeDelta,
  diffOutcomes,
  errorsOf,
  formatIssue,
  runFromFiles,
  runScenario,
  type Criterion,
  type ScenarioModel,
} from "../src/index.ts";

const [sitesPath = "data/sites.csv", modelPath = "models/baseline.json"] = process.argv.slice(2);
const base = await runFromFiles(sitesPath, modelPath);
if (base.status === "invalid") {
  console.error(base.issues.map(formatIssue).join("\n"));
  process.exit(2);
}
const { table, model } = base.outcome;
const assumed = model.schedule?.assumeWhenBlank;

// The later of the two clocks decides when the first GW can start building.
const table2 = addColumn(table, "months_to_first_gw", (site) => {
  const permitting = site.permitted === true ? 0 : (site.permittingMonths ?? assumed?.permittingMonths ?? null);
  const power = site.timeToPowerMonths ?? assumed?.timeToPowerMonths ?? null;
  return permitting === null || power === null ? null : Math.max(permitting, power);
});
const speed: Criterion = {
  column: "months_to_first_gw",
  direction: "lower",
  weight: 1,
  pillar: "speed",
  value: { kind: "linear", worst: 48, best: 6 },
  description: "max(permitting, time to power): 6 months scores 100, 48 months scores 0.",
};
const model2: ScenarioModel = { ...model, name: `${model.name}-speed`, criteria: [...model.criteria, speed], pillars: { ...model.pillars, speed: 25 } };

const issues = checkRunInputs(table2, model2);
if (errorsOf(issues).length > 0) {
  console.error(issues.map(formatIssue).join("\n"));
  process.exit(2);
}
const after = await runScenario(table2, model2);
const share = after.weights.criteria.months_to_first_gw ?? 0;
console.log(`Custom criterion months_to_first_gw in pillar "speed": ${(share * 100).toFixed(1)}% of the overall score`);
console.log(`${model.name} -> ${model2.name}: ${base.outcome.result.status} -> ${after.result.status}`);
for (const line of describeOutcomeDelta(diffOutcomes(base.outcome, after))) console.log(`  ${line}`);

console.log("Selected sites with the new criterion:");
const selected = after.result.status === "optimal" || after.result.status === "time_limit" ? after.result.selected : [];
for (const id of selected) {
  const scored = after.ranked.find((s) => s.site.siteId === id);
  const part = scored?.contributions.find((c) => c.criterion === "months_to_first_gw");
  console.log(
    `  ${id} months_to_first_gw=${part?.raw ?? "blank"} value=${part?.value.toFixed(1) ?? "-"} points=${part?.points.toFixed(2) ?? "-"} overall=${scored?.overall.toFixed(2) ?? "-"}`,
  );
}
