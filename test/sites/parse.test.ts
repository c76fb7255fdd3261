import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue, type InputIssue, type Loaded } from "../../src/core/issues.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";
import type { SiteTable } from "../../src/sites/types.ts";

const HEADER = "site_id,name,lat,lon,country,region,grid_zone,firm_power_mw,capex_bn";
const row = (id: string, extra = ""): string => `${id},Plant ${id},35,-100,US,TX,ERCOT,1200,9.5${extra}`;

function table(loaded: Loaded<SiteTable>): SiteTable {
  if (!loaded.ok) throw new Error(`expected ok, got:\n${loaded.issues.map(formatIssue).join("\n")}`);
  return loaded.value;
}
function issues(loaded: Loaded<SiteTable>): readonly InputIssue[] {
  if (loaded.ok) throw new Error("expected issues, got a table");
  return loaded.issues;
}

describe("parseSitesCsv: good input", () => {
  it("reads the small fixture with every optional column", () => {
    const bytes = readFileSync("test/fixtures/sites-small.csv");
    const loaded = parseSitesCsv(bytes, "sites-small.csv");
    const value = table(loaded);
    expect(value.sites.length).toBe(21);
    expect(value.extraNumericColumns).toEqual(["water_stress"]);
    expect(value.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const clinton = value.sites.find((s) => s.siteId === "TN-CLN-15");
    expect(clinton?.timeToPowerMonths).toBeNull();
    expect(clinton?.permittingMonths).toBeNull();
    expect(clinton?.carbonKgMwh).toBeNull();
    expect(clinton?.permitted).toBeNull();
    expect(clinton?.brownfield).toBe(false);
    expect(clinton?.values.get("water_stress")).toBe(0.3);
    expect(clinton?.values.get("capex_bn")).toBe(10.4);
    expect(clinton?.line).toBe(16);
  });

  it("keeps blank optional cells as null, never zero", () => {
    const csv = `${HEADER},permitting_months,incentives_bn\n${row("A", ",,")}\n${row("B", ",0,0")}\n`;
    const [a, b] = table(parseSitesCsv(csv, "s.csv")).sites;
    expect(a?.permittingMonths).toBeNull();
    expect(a?.incentivesBn).toBeNull();
    expect(a?.values.get("permitting_months")).toBeNull();
    expect(b?.permittingMonths).toBe(0);
    expect(b?.incentivesBn).toBe(0);
  });

  it("reads booleans in any case and blank as unknown", () => {
    const words = ["TRUE", "false", "Yes", "no", "1", "0", ""];
    const csv = [`${HEADER},permitted`, ...words.map((w, i) => row(`S${i}`, `,${w}`))].join("\n");
    const flags = table(parseSitesCsv(csv, "s.csv")).sites.map((s) => s.permitted);
    expect(flags).toEqual([true, false, true, false, true, false, null]);
  });

  it("numbers physical lines past quoted cells that contain newlines", () => {
    const csv = `${HEADER}\nA,"two\nline name",35,-100,US,TX,ERCOT,1200,9.5\n${row("B")}\n\n${row("C")}\n`;
    const value = table(parseSitesCsv(csv, "s.csv"));
    expect(value.sites.map((s) => [s.siteId, s.line])).toEqual([
      ["A", 2],
      ["B", 4],
      ["C", 6],
    ]);
    expect(value.sites[0]?.name).toBe("two\nline name");
    const bad = `${HEADER}\nA,"two\nline name",35,-100,US,TX,ERCOT,1200,9.5\n${row("B").replace("9.5", "x")}\n`;
    expect(issues(parseSitesCsv(bad, "s.csv")).map((i) => [i.line, i.column])).toEqual([[4, "capex_bn"]]);
  });

  it("accepts a BOM and CRLF line ends with the same result as plain LF", () => {
    const lf = `${HEADER},note\n${row("A", ",hello")}\n${row("B", ",world")}\n`;
    const crlfBom = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    const plain = table(parseSitesCsv(lf, "s.csv"));
    const windows = table(parseSitesCsv(new TextEncoder().encode(crlfBom), "s.csv"));
    expect(windows.columns).toEqual(plain.columns);
    expect(windows.sites.map((s) => [s.siteId, s.line, s.text.get("note")])).toEqual(plain.sites.map((s) => [s.siteId, s.line, s.text.get("note")]));
  });

  it("reads semicolon- and tab-separated files, with a warning", () => {
    for (const delimiter of [";", "\t"]) {
      const csv = [HEADER, row("A"), row("B")].map((l) => l.split(",").join(delimiter)).join("\n");
      const loaded = parseSitesCsv(csv, "s.csv");
      expect(table(loaded).sites.map((s) => s.capexBn)).toEqual([9.5, 9.5]);
      expect(loaded.ok && loaded.warnings.map((w) => w.code)).toEqual(["delimiter"]);
    }
  });

  it("reads Latin-1 lines as Windows-1252 and warns with the first such line", () => {
    const text = `${HEADER}\n${row("A")}\nB,S\u00e3o Jos\u00e9,35,-100,US,TX,ERCOT,1200,9.5\nC,Caf\u00e9,35,-100,US,TX,ERCOT,1200,9.5\n`;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const loaded = parseSitesCsv(bytes, "s.csv");
    expect(table(loaded).sites.map((s) => s.name)).toEqual(["Plant A", "S\u00e3o Jos\u00e9", "Caf\u00e9"]);
    expect(loaded.ok && loaded.warnings.map((w) => [w.code, w.line])).toEqual([["not_utf8", 3]]);
  });

  it("classifies extra columns: numeric only when every non-blank cell is a number", () => {
    const csv = `${HEADER},water,owner,score_x\n${row("A", ",0.5,Acme,1")}\n${row("B", ",,42,")}\n`;
    const value = table(parseSitesCsv(csv, "s.csv"));
    expect(value.extraNumericColumns).toEqual(["water", "score_x"]);
    expect(value.sites[1]?.values.get("water")).toBeNull();
    expect(value.sites[1]?.text.get("owner")).toBe("42");
    expect(value.sites[0]?.values.has("owner")).toBe(false);
  });

  it("reports number slips in an otherwise numeric extra column", () => {
    const csv = `${HEADER},water\n${row("A", ",0.5")}\n${row("B", ',"1,5"')}\n`;
    expect(issues(parseSitesCsv(csv, "s.csv")).map((i) => [i.line, i.column, i.code])).toEqual([[3, "water", "decimal_comma"]]);
  });

  it("treats headers such as __proto__ and constructor as plain keys", () => {
    const csv = `${HEADER},__proto__,constructor,toString\n${row("A", ",1,2,x")}\n`;
    const site = table(parseSitesCsv(csv, "s.csv")).sites[0];
    expect(site?.values.get("__proto__")).toBe(1);
    expect(site?.values.get("constructor")).toBe(2);
    expect(site?.text.get("toString")).toBe("x");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(site?.values)).toBe(Map.prototype);
  });

  it("trims cells and ignores fully blank rows", () => {
    const csv = `${HEADER}\n  A , Plant ,35 , -100,US,TX,ERCOT, 1200 ,9.5\n,,,,,,,,\n`;
    const value = table(parseSitesCsv(csv, "s.csv"));
    expect(value.sites.map((s) => [s.siteId, s.name, s.lon, s.firmPowerMw])).toEqual([["A", "Plant", -100, 1200]]);
  });

  it("reports every error at once, in line order", () => {
    const csv = `${HEADER}\n${row("A").replace("35", "95")}\n${row("B").replace("1200", "-5")}\n${row("A")}\n`;
    const found = issues(parseSitesCsv(csv, "s.csv"));
    expect(found.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, "lat", "out_of_range"],
      [3, "firm_power_mw", "negative"],
      [4, "site_id", "duplicate_site_id"],
    ]);
    expect(found[2]?.message).toContain("lines 2 and 4");
  });

  it("does not mutate its input bytes", () => {
    const bytes = new TextEncoder().encode(`\uFEFF${HEADER}\r\n${row("A")}\r\n`);
    const copy = Uint8Array.from(bytes);
    parseSitesCsv(bytes, "s.csv");
    expect(bytes).toEqual(copy);
  });
});
