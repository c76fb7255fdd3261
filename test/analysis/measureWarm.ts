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

type Approach = {
  readonly label: string;
  readonly run: (shares: readonly number[], i: number) => Promise<string>;
  cpuMs: number;
  wallMs: number;
  keys: string[];
};
const key = (ids: readonly string[]): string => [...ids].sort().join(",");
const approaches: Approach[] = [
  {
    label: "cold (files)",
    run: async (shares) => {
      const l = await loadRunInputs(sitesFile, modelFile);
      if (!l.ok) throw new Error("load");
      const o = await runScenario(l.value.table, modelWithShares(model, shares));
      return o.result.status === "optimal" ? key(o.result.selected) : o.result.status;
    },
    cpuMs: 0,
    wallMs: 0,
    keys: [],
  },
  {
    label: "cold (memory)",
    run: async (shares) => {
      const o = await runScenario(table, modelWithShares(model, shares));
      return o.result.status === "optimal" ? key(o.result.selected) : o.result.status;
    },
    cpuMs: 0,
    wallMs: 0,
    keys: [],
  },
  { label: "warm", run: async (shares, i) => key((await solveSample(base, shares, i)).selected), cpuMs: 0, wallMs: 0, keys: [] },
];

// CPU time, not only wall time: the machine may be shared, and CPU time is what the work costs.
// The order rotates per sample so that no approach always runs first (JIT, caches).
console.log(`sensitivity, ${samples} samples of weights ±20% on ${sitesFile} (${table.sites.length} sites), ${modelFile}`);
for (let i = 0; i < draws.length; i++) {
  for (let j = 0; j < approaches.length; j++) {
    const a = approaches[(i + j) % approaches.length] as Approach;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    a.keys[i] = await a.run(draws[i] ?? [], i);
    a.wallMs += performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    a.cpuMs += (cpu.user + cpu.system) / 1000;
  }
}
for (const a of approaches) {
  console.log(`${a.label.padEnd(14)} ${(a.cpuMs / samples).toFixed(0).padStart(6)} ms CPU, ${(a.wallMs / samples).toFixed(0).padStart(6)} ms wall per sample`);
}
const [files, memory, warm] = approaches as [Approach, Approach, Approach];
console.log(`same selections cold and warm: ${warm.keys.every((k, i) => k === memory.keys[i] && k === files.keys[i])}`);
console.log(
  `warm gain (CPU): ${(100 * (1 - warm.cpuMs / files.cpuMs)).toFixed(1)}% vs cold from files, ${(100 * (1 - warm.cpuMs / memory.cpuMs)).toFixed(1)}% vs cold in memory`,
);

const r = outcome.result;
if (r.status === "optimal") {
  const out = outcome.ranked.find((s) => !r.selected.includes(s.site.siteId));
  if (out) {
    let cpu0 = process.cpuUsage();
    await explainSite(outcome, out.site.siteId);
    let cpu = process.cpuUsage(cpu0);
    const warmMs = (cpu.user + cpu.system) / 1000;
    cpu0 = process.cpuUsage();
    const l = await loadRunInputs(sitesFile, modelFile);
    if (!l.ok) throw new Error("load");
    await runScenario(l.value.table, { ...model, optimization: { ...model.optimization, lockedIn: [out.site.siteId] } });
    cpu = process.cpuUsage(cpu0);
    const coldMs = (cpu.user + cpu.system) / 1000;
    console.log(`explain ${out.site.siteId}: forced re-solve warm ${warmMs.toFixed(0)} ms CPU, cold from files ${coldMs.toFixed(0)} ms CPU`);
  }
}
