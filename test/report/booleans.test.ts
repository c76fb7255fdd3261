/**
 * Flags read the same in inputs and outputs: the output CSVs write true/false, the words the sites
 * CSV uses, and the input reader reads them back; compare still reads yes/no from older runs.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { parseRankedCsv } from "../../src/compare/readRun.ts";
import { selectedIds } from "../../src/pipeline/run.ts";
import { runFiles } from "../../src/report/runFiles.ts";
import { parseBooleanCell } from "../../src/sites/cells.ts";
import { generatedOutcome } from "../report-html/fixture.ts";

const inputs = { sitesFile: "sites.csv", sitesSha256: "x", modelFile: "model.json", modelSha256: "y", warnings: [] };

describe("flags in output files", () => {
  it("ranked.csv writes selected as true/false, which the sites CSV reader reads back as the selection", () => {
    const outcome = generatedOutcome();
    const text = runFiles(outcome, inputs, { load: 0, total: 0 }).get("ranked.csv") ?? "";
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    expect(new Set(rows.map((r) => r.selected))).toEqual(new Set(["true", "false"]));
    const read = rows.filter((r) => {
      const cell = parseBooleanCell(r.selected ?? "");
      return cell.kind === "boolean" && cell.value;
    });
    expect(new Set(read.map((r) => r.site_id))).toEqual(new Set([...selectedIds(outcome)]));
  });

  it("compare reads true/false and the yes/no of older runs alike, and names a flag it cannot read", () => {
    const header = "rank,site_id,name,region,grid_zone,overall_score,selected\n";
    const read = (flags: string[]) => {
      const parsed = parseRankedCsv(header + flags.map((f, i) => `${i + 1},S${i},A,TX,ERCOT,80,${f}`).join("\n"), "ranked.csv");
      return parsed.ok ? parsed.value.map((r) => r.selected) : parsed.issues.map((i) => `${i.line}:${i.column}:${i.code}`);
    };
    expect(read(["true", "false", "yes", "no", "1", "0"])).toEqual([true, false, true, false, true, false]);
    expect(read(["true", "maybe"])).toEqual(["3:selected:not_a_boolean"]);
  });
});
