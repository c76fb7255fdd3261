/**
 * The layout rules that hold without a browser: every table and every chart of the report sits
 * in a scroll box (so a table added later fits a phone the same way), the tightest-month label
 * keeps clear of the cash lines, and the delay-risk bars start their axis where differences show.
 */
import { describe, expect, it } from "vitest";
import { placeLabel, textBox, type StepLine } from "../../src/report/html/labelPlace.ts";
import { pct, probabilityAxisFloor } from "../../src/report/html/riskChart.ts";
import { CHART_MIN_FONT_UNITS, CHART_MIN_WIDTH_PX, CHART_UNITS, REPORT_CSS } from "../../src/report/html/style.ts";
import { renderReport } from "../helpers/report.ts";
import { generatedOutcome } from "./fixture.ts";

describe("scroll boxes", () => {
  const html = renderReport(generatedOutcome(), { frontier: [], generatedFor: { sitesFile: "data/sites.csv", modelFile: "models/fixture.json" } });

  it("hold every table, directly", () => {
    const tables = html.match(/<table\b/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(html.match(/<div class="scroll"><table\b/g)?.length).toBe(tables.length);
  });

  it("hold every chart, at a least width where its smallest text is 10 px", () => {
    const charts = html.match(/<svg class="[^"]+"/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(html.match(/<div class="scroll chart-box"><svg class="[^"]+"/g)?.length).toBe(charts.length);
    expect((CHART_MIN_WIDTH_PX / CHART_UNITS) * CHART_MIN_FONT_UNITS).toBeGreaterThanOrEqual(10);
    // No chart text below the least size in the stylesheet (the print layout has its own sizes).
    const screenCss = REPORT_CSS.slice(0, REPORT_CSS.indexOf("@media print"));
    const sizes = [...screenCss.matchAll(/font-size: ([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(CHART_MIN_FONT_UNITS);
  });
});

describe("placeLabel", () => {
  const x = (month: number): number => 100 + 10 * month;
  const y = (value: number): number => 200 - value;
  const plot = { left: 100, right: 700, top: 0, bottom: 200 };
  // Two lines that meet at month 30 (value 100), the first rising, the second a step above it.
  const rising: StepLine = { values: Array.from({ length: 60 }, (_, t) => 2 * t + (t === 30 ? 40 : 0)), before: 0 };
  const above: StepLine = { values: Array.from({ length: 60 }, (_, t) => 2 * t + 45), before: 45 };

  it("keeps the label's box clear of both lines and inside the plot", () => {
    const text = "tightest 2027-04: headroom $0.1B";
    const spot = placeLabel({ text, px: x(30.5), py: y(100), fontSize: 11, lines: [rising, above], levels: [], x, y, plot });
    const box = textBox(text, spot.x, spot.y, 11, spot.anchor);
    expect(box.left).toBeGreaterThanOrEqual(plot.left);
    expect(box.right).toBeLessThanOrEqual(plot.right);
    for (const line of [rising, above]) {
      line.values.forEach((v, t) => {
        const overlapsX = x(t + 1) > box.left && x(t) < box.right;
        if (overlapsX) expect(y(v) < box.top || y(v) > box.bottom, `month ${t}`).toBe(true);
      });
    }
  });

  it("keeps clear of a level line and another label's box", () => {
    const flat: StepLine = { values: Array.from({ length: 60 }, () => 50), before: 50 };
    const other = { left: 300, right: 700, top: 120, bottom: 140 };
    const spot = placeLabel({ text: "label", px: x(30), py: y(50), fontSize: 11, lines: [flat], levels: [y(70)], boxes: [other], x, y, plot });
    const box = textBox("label", spot.x, spot.y, 11, spot.anchor);
    expect(box.top > y(70) || box.bottom < y(70)).toBe(true);
    expect(box.right < other.left || box.left > other.right || box.bottom < other.top || box.top > other.bottom).toBe(true);
  });
});

describe("probabilityAxisFloor", () => {
  it("starts the bars where 98.6% and 100% look different, and at 0 for a wide spread", () => {
    expect(probabilityAxisFloor([0.986, 1, 0.999])).toBe(0.98);
    expect(probabilityAxisFloor([1, 1])).toBe(0.99);
    expect(probabilityAxisFloor([0.93, 1])).toBe(0.9);
    expect(probabilityAxisFloor([0.4, 0.97])).toBe(0);
  });

  it("leaves the least likely milestone (20% or more) a fifth of the bar or more", () => {
    for (const least of [0.2, 0.3, 0.55, 0.81, 0.9, 0.949, 0.96, 0.985, 0.991, 0.999, 1]) {
      const floor = probabilityAxisFloor([least]);
      expect(least - floor).toBeGreaterThanOrEqual(0.2 * (1 - floor) - 1e-12);
    }
  });
});

describe("the delay-risk bars' values", () => {
  it("never round a probability below 1 up to 100% or one above 0 down to 0%", () => {
    expect([1, 0.9999, 0.9995, 0.9994, 0.986, 0.0004, 0].map(pct)).toEqual(["100.0%", ">99.9%", ">99.9%", "99.9%", "98.6%", "<0.1%", "0.0%"]);
  });
});
