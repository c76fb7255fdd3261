import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ScheduleSpec } from "../../src/scenario/schema.ts";
import { dayOf } from "../../src/schedule/dates.ts";
import { siteReadiness } from "../../src/schedule/readiness.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

// The bundled data seen through the project's own loader and readiness rule.
const text = readFileSync(new URL("../../data/sites.csv", import.meta.url), "utf8");
const loaded = parseSitesCsv(text, "data/sites.csv");

const schedule: ScheduleSpec = {
  startDate: "2025-01-01",
  buildMonths: 18,
  brownfieldBuildMonths: 12,
  milestones: ["2026-12-31", "2027-12-31", "2028-12-31", "2029-12-31"],
};

describe("data/sites.csv through the sites loader", () => {
  it("loads without errors", () => {
    expect(loaded.ok ? [] : loaded.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("leaves at least 15 one-gigawatt sites able to make milestone 1 (2026-12-31), and many more for later milestones", () => {
    if (!loaded.ok) throw new Error("sites did not load");
    const onlineDays = loaded.value.sites
      .filter((s) => s.firmPowerMw >= 1000)
      .map((s) => siteReadiness(s, schedule))
      .flatMap((r) => (r.kind === "dated" ? [r.readyDay] : []));
    const ready = (date: string): number => onlineDays.filter((d) => d <= dayOf(date)).length;
    expect(ready("2026-12-31")).toBeGreaterThanOrEqual(15);
    expect(ready("2027-12-31")).toBeGreaterThanOrEqual(40);
    expect(ready("2028-12-31")).toBeGreaterThanOrEqual(100);
    expect(ready("2029-12-31")).toBeGreaterThanOrEqual(250);
  });
});
