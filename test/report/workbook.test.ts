/**
 * run.xlsx read back with the library that wrote it (ExcelJS): one sheet per table, every value
 * typed as the table holds it (numbers as numbers, dates as dates, flags as booleans, unknowns
 * empty), the header row frozen with units; the CSVs are still written beside it, and keeping the
 * previous run copies the workbook byte for byte.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeRun } from "../../src/output/writeRun.ts";
import { columnHeader, runSheets } from "../../src/report/workbook.ts";
import { generatedOutcome } from "../report-html/fixture.ts";

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe("run.xlsx", () => {
  const outcome = generatedOutcome();

  it("holds every table as a typed sheet with a frozen header that names units", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-xlsx-"));
    const written = await writeRun(outcome, dir);
    expect(written.status).toBe("written");
    for (const csv of ["ranked.csv", "selection.csv", "cashflow.csv", "cashflow_sites.csv"])
      expect(readFileSync(join(dir, csv), "utf8").length).toBeGreaterThan(0);

    const workbook = await readWorkbook(join(dir, "run.xlsx"));
    const sheets = runSheets(outcome);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(sheets.map((s) => s.name));
    expect(sheets.map((s) => s.name)).toEqual(["selection", "ranked", "cashflow", "cashflow_sites", "sources_uses"]);

    const typesSeen = new Set<string>();
    for (const { name, table } of sheets) {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.header.map(columnHeader));
      expect(sheet.rowCount).toBe(table.rows.length + 1);
      table.rows.forEach((row, r) => {
        const cells = sheet.getRow(r + 2);
        table.header.forEach((column, c) => {
          const expected = row[c] ?? null;
          const value = cells.getCell(c + 1).value;
          const where = `${name}!${column} row ${r + 2}`;
          if (expected === null || expected === "") expect(value, where).toBeNull();
          else if (typeof expected === "string" && /^\d{4}-\d{2}(-\d{2})?$/.test(expected) && column !== "site_id") {
            expect(value, where).toBeInstanceOf(Date);
            expect((value as Date).toISOString().slice(0, expected.length), where).toBe(expected);
            typesSeen.add("date");
          } else {
            expect(value, where).toBe(expected);
            typesSeen.add(typeof value);
          }
        });
      });
    }
    expect([...typesSeen].sort()).toEqual(["boolean", "date", "number", "string"]);
  });

  it("says each column's unit in its header", () => {
    expect(columnHeader("capex_bn")).toBe("capex ($B)");
    expect(columnHeader("held_back_months")).toBe("held back (months)");
    expect(columnHeader("power_price_usd_mwh")).toBe("power price ($/MWh)");
    expect(columnHeader("energy_score")).toBe("energy (0–100)");
    expect(columnHeader("gw_live")).toBe("gw live (GW)");
    expect(columnHeader("go_live_date")).toBe("go live date");
    expect(columnHeader("points_capex_bn")).toBe("points: capex_bn");
  });

  it("is kept byte for byte with the run it belongs to when the next run replaces it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gigasite-xlsx-previous-"));
    expect((await writeRun(outcome, dir)).status).toBe("written");
    const first = readFileSync(join(dir, "run.xlsx"));
    expect((await writeRun(generatedOutcome(120, 3), dir, { keepPrevious: true })).status).toBe("written");
    expect(readFileSync(join(dir, "previous", "run.xlsx")).equals(first)).toBe(true);
    const again = await readWorkbook(join(dir, "previous", "run.xlsx"));
    expect(again.getWorksheet("ranked")?.rowCount).toBe(outcome.ranked.length + outcome.screen.excluded.length + 1);
  });
});
