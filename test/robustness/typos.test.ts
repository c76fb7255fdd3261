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
    expect(lines).toContain(
      `${at(path, text, '"PJMM"')}: optimization.caps.gridZones.PJMM: grid zone 'PJMM' is not a grid zone of the site CSV: did you mean 'PJM'?`,
    );
    expect(lines).toContain(`${at(path, text, '"TXX"')}: optimization.caps.regions.TXX: region 'TXX' is not a region of the site CSV: did you mean 'TX'?`);
    expect(lines.filter((l) => /MISO/.test(l))).toEqual([]);
  });
});

/** data/sites.csv with `earliest_online_date` and `permitting_months_p90` columns, set per row (1-based data rows). */
function sitesWith(
  cells: Record<number, { readonly online?: string; readonly p90?: string; readonly permitting?: string; readonly permitted?: string }>,
): string {
  const lines = readFileSync("data/sites.csv", "utf8").trimEnd().split("\n");
  const header = (lines[0] as string).split(",");
  const permittingAt = header.indexOf("permitting_months");
  const permittedAt = header.indexOf("permitted");
  const out = [`${lines[0]},earliest_online_date,permitting_months_p90`];
  lines.slice(1).forEach((line, i) => {
    const row = line.split(",");
    const edit = cells[i + 1];
    if (edit?.permitting !== undefined) row[permittingAt] = edit.permitting;
    if (edit?.permitted !== undefined) row[permittedAt] = edit.permitted;
    out.push(`${row.join(",")},${edit?.online ?? ""},${edit?.p90 ?? ""}`);
  });
  const path = join(tmp(), "sites.csv");
  writeFileSync(path, `${out.join("\n")}\n`);
  return path;
}

describe("odd values in the sites CSV", () => {
  it("an earliest_online_date outside 1900–2200 is an error at its line and column (9999-12-31 became ranked.csv's unreadable 10000-01-01)", async () => {
    const csv = sitesWith({ 1: { online: "9999-12-31" }, 2: { online: "1899-12-31" } });
    const loaded = await loadRunInputs(csv, "models/baseline.json");
    expect(loaded.ok).toBe(false);
    const lines = loaded.ok ? [] : loaded.issues.map(formatIssue);
    expect(lines).toContain(`${csv}:2: earliest_online_date: expected a date from 1900-01-01 to 2200-12-31, found 9999-12-31`);
    expect(lines).toContain(`${csv}:3: earliest_online_date: expected a date from 1900-01-01 to 2200-12-31, found 1899-12-31`);
  });

  it("an earliest_online_date before the plan's start, and a P90 beside a blank or permitted P50, are warnings at their line and column", async () => {
    const csv = sitesWith({
      1: { online: "2020-01-01" },
      3: { permitting: "", p90: "30" },
      4: { permitting: "12", permitted: "true", p90: "20" },
      5: { permitting: "12", p90: "20" },
    });
    const loaded = await loadRunInputs(csv, "models/baseline.json");
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join("\n"));
    const lines = loaded.value.warnings.map(formatIssue);
    const start = (JSON.parse(readFileSync("models/baseline.json", "utf8")) as { schedule: { startDate: string } }).schedule.startDate;
    expect(lines).toContain(
      `${csv}:2: earliest_online_date: warning: 2020-01-01 is before the plan's start (${start}): the site is taken as ready at the start`,
    );
    expect(lines).toContain(
      `${csv}:4: permitting_months_p90: warning: permitting_months_p90 30 is ignored: permitting_months is blank, so the model's assumeWhenBlank value and its p90Factor apply`,
    );
    expect(lines).toContain(
      `${csv}:5: permitting_months_p90: warning: permitting_months_p90 20 is ignored: the site is permitted (permitting time 0, no permitting risk)`,
    );
    expect(lines.filter((l) => l.startsWith(`${csv}:6:`))).toEqual([]);
  });
});
