/**
 * Measures the warm re-solve gain of sensitivity and explain on the bundled data (not a test:
 * timings are never asserted). Run: `npx tsx test/analysis/measureWarm.ts [samples]`.
 *
 * cold (files): load CSV + model, screen, score, build, solve, for every sample
 * cold (memory): screen, score, build, solve from the loaded table
 * warm: re-weight the stored value-function outputs, build, solve
 */
import { explainSite } from "../../src/analysis/explain.ts";
import { drawSamples, modelWithShares, sensitivityBase, solveSample } from "../../src/analysis/sensitivity.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario } from "../../src/pipeline/run.ts";

const samples = Number(process.argv[2] ?? 10);
const sitesFile = "data/sites.csv";
const modelFile = "models/baseline.json";
const loaded = await loadRunInputs(sitesFile, modelFile);
if (!loaded.ok) throw new Error("bundled inputs did not load");
const { table, model } = loaded.value;
const outcome = await runScenario(table, model);
const base = sensitivityBase(outcome);
const draws = drawSamples(base.baseShares, { kind: "uniform", spread: 0.2 }, samples, 1);

const time = async (label: string, fn: (shares: readonly number[], i: number) => Promise<string>): Promise<{ ms: number; keys: string[] }> => {
  const keys: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < draws.length; i++) keys.push(await fn(draws[i] ?? [], i));
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(16)} ${(ms / draws.length).toFixed(0).padStart(6)} ms per sample`);
  return { ms, keys };
};
const key = (ids: readonly string[]): string => [...ids].sort().join(",");

console.log(`sensitivity, ${samples} samples of weights ±20% on ${sitesFile} (${table.sites.length} sites), ${modelFile}`);
const filesRun = await time("cold (files)", async (shares) => {
  const l = await loadRunInputs(sitesFile, modelFile);
  if (!l.ok) throw new Error("load");
  const o = await runScenario(l.value.table, modelWithShares(model, shares));
  return o.result.status === "optimal" ? key(o.result.selected) : o.result.status;
});
const memoryRun = await time("cold (memory)", async (shares) => {
  const o = await runScenario(table, modelWithShares(model, shares));
  return o.result.status === "optimal" ? key(o.result.selected) : o.result.status;
});
const warmRun = await time("warm", async (shares, i) => key((await solveSample(base, shares, i)).selected));
const same = warmRun.keys.every((k, i) => k === memoryRun.keys[i] && k === filesRun.keys[i]);
console.log(`same selections cold and warm: ${same}`);
console.log(`warm gain: ${(100 * (1 - warmRun.ms / filesRun.ms)).toFixed(1)}% vs cold from files, ${(100 * (1 - warmRun.ms / memoryRun.ms)).toFixed(1)}% vs cold in memory`);

const r = outcome.result;
if (r.status === "optimal") {
  const out = outcome.ranked.find((s) => !r.selected.includes(s.site.siteId));
  if (out) {
    let t0 = performance.now();
    await explainSite(outcome, out.site.siteId);
    const warmMs = performance.now() - t0;
    t0 = performance.now();
    const l = await loadRunInputs(sitesFile, modelFile);
    if (!l.ok) throw new Error("load");
    await runScenario(l.value.table, { ...model, optimization: { ...model.optimization, lockedIn: [out.site.siteId] } });
    const coldMs = performance.now() - t0;
    console.log(`explain ${out.site.siteId}: forced re-solve warm ${warmMs.toFixed(0)} ms, cold from files ${coldMs.toFixed(0)} ms`);
  }
}
