/**
 * A typo or an odd value must never silently change the answer: names in a model that refer to
 * the data are checked against the data.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/core/issues.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";

const tmp = (): string => mkdtempSync(join(tmpdir(), "gigasite-typos-"));

type Model = Record<string, Record<string, unknown>>;

function baselineWith(edit: (model: Model) => void): { path: string; text: string } {
  const model = JSON.parse(readFileSync("models/baseline.json", "utf8")) as Model;
  edit(model);
  const path = join(tmp(), "model.json");
  const text = JSON.stringify(model, null, 2);
  writeFileSync(path, text);
  return { path, text };
}

/** `file:line:column` of the first occurrence of `needle` in the text. */
function at(path: string, text: string, needle: string): string {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split("\n");
  return `${path}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

describe("names in a model that match nothing in the sites CSV", () => {
  it("a zone limit on 'ERCOTT', a grid-zone cap on 'PJMM' and a region cap on 'TXX' are errors with line, column and a did-you-mean", async () => {
    const { path, text } = baselineWith((model) => {
      model.schedule = { ...model.schedule, zoneLimits: [{ gridZone: "ERCOTT", maxGw: 0, by: "2029-12-31" }] };
      model.optimization = { ...model.optimization, caps: { perRegion: 3, regions: { TXX: 1 }, gridZones: { PJMM: 1, MISO: 2 } } };
    });
    const loaded = await loadRunInputs("data/sites.csv", path);
    expect(loaded.ok).toBe(false);
    const lines = loaded.ok ? [] : loaded.issues.map(formatIssue);
    expect(lines).toContain(
      `${at(path, text, '"gridZone": "ERCOTT"')}: schedule.zoneLimits[0].gridZone: grid zone 'ERCOTT' is not a grid zone of the site CSV: did you mean 'ERCOT'?`,
    );
    expect(lines).toContain(`${at(path, text, '"PJMM"')}: optimization.caps.gridZones.PJMM: grid zone 'PJMM' is not a grid zone of the site CSV: did you mean 'PJM'?`);
    expect(lines).toContain(`${at(path, text, '"TXX"')}: optimization.caps.regions.TXX: region 'TXX' is not a region of the site CSV: did you mean 'TX'?`);
    expect(lines.filter((l) => /MISO/.test(l))).toEqual([]);
  });
});
