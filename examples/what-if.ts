/**
 * What-if: raise one state's power price by 20% (or delay its permits by 6 months) in memory,
 * re-run, and print what changed. The CSV on disk is never touched.
 *
 *   npx tsx examples/what-if.ts [STATE] [price|permits] [sites.csv] [model.json]
 *   npx tsx examples/what-if.ts TX permits
 */
import { describeOutcomeDelta, diffOutcomes, editSites, formatIssue, runFromFiles, runScenario, type Site, type SitePatch } from "../src/index.ts";

const [stateArg, kind = "price", sitesPath = "data/sites.csv", modelPath = "models/baseline.json"] = process.argv.slice(2);
if (kind !== "price" && kind !== "permits") {
  console.error(`expected "price" or "permits", found "${kind}"`);
  process.exit(2);
}
const base = await runFromFiles(sitesPath, modelPath);
if (base.status === "invalid") {
  console.error(base.issues.map(formatIssue).join("\n"));
  process.exit(2);
}
const before = base.outcome;
const firstSelected = before.result.status === "optimal" || before.result.status === "time_limit" ? before.result.selected[0] : undefined;
// Default: the state of the first selected site, so the edit touches the current answer.
const state = stateArg ?? before.table.sites.find((s) => s.siteId === firstSelected)?.region ?? "TX";

const change = (site: Site): SitePatch | undefined => {
  if (site.region !== state) return undefined;
  if (kind === "price") return site.powerPriceUsdMwh === null ? undefined : { power_price_usd_mwh: site.powerPriceUsdMwh * 1.2 };
  return site.permittingMonths === null ? undefined : { permitting_months: site.permittingMonths + 6 };
};
const edited = editSites(before.table, change);
const touched = edited.sites.filter((s, i) => s !== before.table.sites[i]).length;
const after = await runScenario(edited, before.model);

const what = kind === "price" ? "power price +20%" : "permits 6 months later";
console.log(`What if ${state} has ${what}? (${touched} of ${edited.sites.length} sites edited in memory; ${sitesPath} untouched)`);
console.log(`before: ${before.result.status}, after: ${after.result.status}`);
for (const line of describeOutcomeDelta(diffOutcomes(before, after))) console.log(`  ${line}`);

// The selected sites of the edited state, and how their overall score moved.
const scoreOf = (o: typeof before, id: string) => o.ranked.find((s) => s.site.siteId === id)?.overall;
const selectedBefore = before.result.status === "optimal" || before.result.status === "time_limit" ? before.result.selected : [];
for (const id of selectedBefore) {
  const site = before.table.sites.find((s) => s.siteId === id);
  if (site?.region !== state) continue;
  const a = scoreOf(before, id);
  const b = scoreOf(after, id);
  console.log(`  score ${id}: ${a?.toFixed(2) ?? "-"} -> ${b?.toFixed(2) ?? "screened out"}`);
}
