import { describe, expect, it } from "vitest";
import type { FrontierPoint } from "../../src/analysis/frontier.ts";
import { scoreScale, textColorOn } from "../../src/report/html/color.ts";
import { escapeHtml } from "../../src/report/html/escape.ts";
import { renderMap, MAP_HEIGHT, MAP_WIDTH } from "../../src/report/html/map.ts";
import type { ReportExtras } from "../../src/report/html/render.ts";
import { renderReport } from "../helpers/report.ts";
import { selectedRows } from "../../src/report/html/selection.ts";
import { CompactPath, ringData } from "../../src/report/html/svgPath.ts";
import { fixtureModel, generatedOutcome, generatedSites, greedyOutcome, makeSite, outcomeWith } from "./fixture.ts";

const extras: Omit<ReportExtras, "runnersUp"> = { frontier: [], generatedFor: { sitesFile: "data/sites.csv", modelFile: "models/fixture.json" } };

/** Every site marker: the opening tag of an element whose class list starts with "site". */
const markerTags = (html: string): string[] => html.match(/<(?:circle|g) class="site(?: selected| excluded)?" data-site-id="[^"]*"[^>]*>/g) ?? [];

/** cx/cy of a site's marker (circles) or its translate (selected groups). */
function markerPosition(svg: string, id: string): [number, number] {
  const tag = markerTags(svg).find((t) => t.includes(`data-site-id="${escapeHtml(id)}"`));
  if (!tag) throw new Error(`no marker for ${id}`);
  const circle = /cx="([-\d.]+)" cy="([-\d.]+)"/.exec(tag);
  const group = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(tag);
  const m = circle ?? group;
  if (!m) throw new Error(`no position for ${id}`);
  return [Number(m[1]), Number(m[2])];
}

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    expect(escapeHtml("plain")).toBe("plain");
  });
});

describe("renderReportHtml", () => {
  const outcome = generatedOutcome();

  it("has one site marker per site, with the right classes", () => {
    const html = renderReport(outcome, extras);
    const tags = markerTags(html);
    expect(tags).toHaveLength(outcome.table.sites.length);
    expect(new Set(tags.map((t) => /data-site-id="([^"]*)"/.exec(t)?.[1])).size).toBe(outcome.table.sites.length);
    expect(tags.filter((t) => t.includes('class="site selected"'))).toHaveLength(10);
    expect(tags.filter((t) => t.includes('class="site excluded"'))).toHaveLength(outcome.screen.excluded.length);
  });

  it("labels the ten slots in the schedule chart and on the map", () => {
    const html = renderReport(outcome, extras);
    expect(html.match(/class="slot-row-label"/g)).toHaveLength(10);
    for (let k = 1; k <= 10; k++) {
      expect(html).toMatch(new RegExp(`<text class="slot-row-label" x="[\\d.]+" y="[\\d.]+">Slot ${k}</text>`));
      expect(html).toMatch(new RegExp(`<text class="slot-label${k >= 10 ? " two-digit" : ""}" dy="0.35em" fill="#(?:111|fff)">${k}</text>`));
    }
  });

  it("is byte-identical for identical inputs", () => {
    const frontier: FrontierPoint[] = [
      { budgetBn: 70, status: "infeasible", objective: null, capexBn: null, chosen: false },
      { budgetBn: 100, status: "optimal", objective: 800.25, capexBn: 95.5, chosen: true },
      { budgetBn: 130, status: "optimal", objective: 812.5, capexBn: 118, chosen: false },
    ];
    const a = renderReport(outcome, { ...extras, frontier });
    const b = renderReport(generatedOutcome(), { ...extras, frontier: frontier.map((p) => ({ ...p })) });
    expect(b).toBe(a);
    expect(a).toContain("this run: $100B → 800.3");
  });

  it("escapes every text from the CSV and the model", () => {
    const hostile = `<script>alert("x")</script> & 'quotes'`;
    const sites = generatedSites(60, 3).map((s, i) =>
      i === 0 ? { ...s, name: hostile, region: `"><b>TX` } : i === 1 ? { ...s, siteId: `S"><img src=x>` as typeof s.siteId } : s,
    );
    // Cash rule off: on 60 sites the greedy stand-in for the solver finds no plan in credit.
    const model = fixtureModel({ description: `<img src="http://evil.example/x.png"> & "more"`, cashRule: false, optimization: { minSpacingKm: 0, caps: {} } });
    const hostileOutcome = greedyOutcome(sites, model);
    const html = renderReport(hostileOutcome, {
      frontier: [],
      generatedFor: { sitesFile: `<sites>.csv`, modelFile: `m'odel".json` },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<sites>");
    expect(html).toContain(escapeHtml(hostile));
    expect(html).toContain("&lt;img src=&quot;http://evil.example/x.png&quot;&gt; &amp; &quot;more&quot;");
    expect(html).toContain("m&#39;odel&quot;.json");
    // The hostile id is still one marker, found by its escaped attribute.
    expect(markerTags(html).filter((t) => t.includes(`data-site-id="S&quot;&gt;&lt;img src=x&gt;"`))).toHaveLength(1);
    expect(markerTags(html)).toHaveLength(60);
  });

  it("references nothing on the network: no src, no external href, no url() but fragments", () => {
    const html = renderReport(outcome, extras);
    expect(html).not.toMatch(/\b(?:src|href|xlink:href)\s*=\s*["']?\s*(?:[a-z]+:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<(?:script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/@import|@font-face/i);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it("reports an infeasible run with its reasons and no selection", () => {
    const infeasible = outcomeWith(outcome.table.sites, outcome.model, null);
    const html = renderReport(infeasible, extras);
    expect(html).toContain("No feasible selection.");
    expect(html).toContain(escapeHtml("budget: the ten cheapest sites cost $120.0B, over the $100.0B budget"));
    expect(markerTags(html).filter((t) => t.includes("selected"))).toHaveLength(0);
    expect(markerTags(html)).toHaveLength(outcome.table.sites.length);
  });

  it("numbers the selection by rank when the model has no schedule", () => {
    const model = fixtureModel({ schedule: false });
    const sites = generatedSites(120, 5);
    const unscheduled = greedyOutcome(sites, model);
    const rows = selectedRows(unscheduled);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.scored.overall).toBeLessThanOrEqual(rows[i - 1]!.scored.overall);
    const html = renderReport(unscheduled, extras);
    expect(html).toContain("numbered by rank");
    expect(html).toContain("The model has no deployment schedule");
  });
});

describe("renderMap projection", () => {
  it("uses Albers USA when every site is in the US", () => {
    const outcome = generatedOutcome(80, 9);
    expect(renderMap(outcome, selectedRows(outcome)).projection).toBe("albers-usa");
  });

  it("keeps Albers USA for Puerto Rico sites and draws them in an inset at the lower right", () => {
    const sites = [...generatedSites(40, 4), makeSite({ id: "PR-1", name: "Aguirre", lat: 17.95, lon: -66.23, country: "US", region: "PR" }, 98)];
    const model = fixtureModel({ cashRule: false, optimization: { sites: 10 } });
    const outcome = greedyOutcome(sites, model);
    const map = renderMap(outcome, selectedRows(outcome));
    expect(map.projection).toBe("albers-usa");
    expect(map.outsideUs).toBe(0);
    expect(map.svg).toContain("Puerto Rico");
    const frame = /<rect class="inset-frame" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(map.svg);
    expect(frame).not.toBeNull();
    const [x0, y0, w, h] = frame!.slice(1).map(Number) as [number, number, number, number];
    const [x, y] = markerPosition(map.svg, "PR-1");
    expect(x).toBeGreaterThan(x0);
    expect(x).toBeLessThan(x0 + w);
    expect(y).toBeGreaterThan(y0);
    expect(y).toBeLessThan(y0 + h);
    // Without a Puerto Rico site there is no inset.
    const mainland = generatedOutcome(80, 9);
    expect(renderMap(mainland, selectedRows(mainland)).svg).not.toContain("inset-frame");
  });

  it("falls back to a world projection when a site is outside the US, and still places every site", () => {
    const sites = [...generatedSites(40, 4), makeSite({ id: "DE-1", name: "Lippendorf", lat: 51.18, lon: 12.37, country: "DE", region: "SN" }, 99)];
    const model = fixtureModel({ cashRule: false, optimization: { sites: 10 } });
    const outcome = greedyOutcome(sites, model);
    const map = renderMap(outcome, selectedRows(outcome));
    expect(map.projection).toBe("equal-earth");
    expect(map.outsideUs).toBe(1);
    expect(markerTags(map.svg)).toHaveLength(41);
    for (const site of sites) {
      const [x, y] = markerPosition(map.svg, site.siteId);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    // East is right, north is up: Germany lies right of and above Texas.
    const [xDe, yDe] = markerPosition(map.svg, "DE-1");
    const texan = sites.find((s) => s.region === "TX")!;
    const [xTx, yTx] = markerPosition(map.svg, texan.siteId);
    expect(xDe).toBeGreaterThan(xTx);
    expect(yDe).toBeLessThan(yTx);
  });

  it("fits a map of non-US sites only (an importer's foreign file)", () => {
    const sites = [
      makeSite({ id: "NO-1", lat: 59.9, lon: 10.7, country: "NO", region: "OS" }, 2),
      makeSite({ id: "ES-1", lat: 40.4, lon: -3.7, country: "ES", region: "MD" }, 3),
      makeSite({ id: "PL-1", lat: 52.2, lon: 21.0, country: "PL", region: "MZ", firmPowerMw: 500 }, 4),
    ];
    const model = fixtureModel({ schedule: false, optimization: { sites: 2, caps: {} } });
    const outcome = outcomeWith(sites, model, ["NO-1", "ES-1"]);
    const map = renderMap(outcome, selectedRows(outcome));
    expect(map.projection).toBe("equal-earth");
    const xs = sites.map((s) => markerPosition(map.svg, s.siteId));
    for (const [x, y] of xs) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
    }
    // Fitted to the sites, not the whole world: they spread over a good part of the width.
    const spread = Math.max(...xs.map((p) => p[0])) - Math.min(...xs.map((p) => p[0]));
    expect(spread).toBeGreaterThan(MAP_WIDTH / 3);
  });
});

describe("CompactPath", () => {
  it("rounds to a tenth, writes relative steps and drops repeated and closing points", () => {
    const p = new CompactPath();
    p.moveTo(0.04, 0);
    p.lineTo(10.06, 0);
    p.lineTo(10.06, 0.01);
    p.lineTo(10, 10);
    p.lineTo(0, 0);
    p.closePath();
    expect(p.toString()).toBe("M0 0l10.1 0 -0.1 10z");
  });

  it("leaves out rings that collapse to a speck", () => {
    const p = new CompactPath();
    p.moveTo(1, 1);
    p.lineTo(1.01, 1.02);
    p.lineTo(1.02, 1);
    p.closePath();
    expect(p.toString()).toBe("");
  });
});

describe("ringData", () => {
  it("breaks a ring at a jump longer than the limit instead of drawing across the map", () => {
    const wrapped = (p: [number, number]): [number, number] => [p[0] < 0 ? p[0] + 360 : p[0], p[1]];
    // A small square around the antimeridian, projected with longitudes wrapped to 0..360 px.
    const ring = [
      [179, 0],
      [-179, 0],
      [-179, 2],
      [179, 2],
      [179, 0],
    ];
    expect(ringData(wrapped, ring)).toBe("M179 0l2 0 0 2 -2 0z");
    const split = ringData((p) => [p[0], p[1]], ring, 50);
    // The lone first point draws nothing and is left out; the two sides stay, unclosed.
    expect(split).toBe("M-179 0l0 2M179 2l0 -2");
  });
});

describe("colour scale", () => {
  it("runs from dark purple to yellow, and labels read on either end", () => {
    const scale = scoreScale([41.2, 77.9]);
    expect([scale.min, scale.max]).toEqual([41, 78]);
    expect(scale.color(41)).toBe("#440154");
    expect(scale.color(78)).toBe("#fde725");
    expect(textColorOn(scale.color(41))).toBe("#fff");
    expect(textColorOn(scale.color(78))).toBe("#111");
  });
});
