/**
 * The report's map: US states (Albers USA), every site as a dot coloured by overall score,
 * screened-out sites faint, the selection as numbered markers with its minimum-spacing rings.
 * Puerto Rico, which Albers USA leaves out, gets an inset at the lower right, as Alaska and
 * Hawaii get theirs at the lower left. A file with any other site the Albers USA projection
 * cannot show (outside the US) is drawn on an Equal Earth world projection fitted to the sites
 * instead, so no site silently disappears.
 */
import { circle } from "@turf/circle";
import { geoAlbersUsa, geoConicEqualArea, geoEqualEarth, geoGraticule10, type GeoProjection } from "d3-geo";
import type { RunOutcome } from "../../pipeline/run.ts";
import { usAtlas, worldAtlas } from "./atlas.ts";
import { scoreScale, textColorOn, type ScoreScale } from "./color.ts";
import { escapeHtml } from "./escape.ts";
import { coord, fixed } from "./format.ts";
import type { SelectedRow } from "./selection.ts";
import { pathData, ringData } from "./svgPath.ts";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 600;
/** Space kept free under the map for the legend. */
const LEGEND_HEIGHT = 54;
const MARGIN = 12;

export type MapProjection = "albers-usa" | "equal-earth";

export interface MapSvg {
  readonly svg: string;
  readonly projection: MapProjection;
  /** Sites the Albers USA projection could not show (the reason for a world map). */
  readonly outsideUs: number;
}

/** Outline detail kept: just under a pixel, which the eye cannot tell from the full 1:10m line. */
const OUTLINE_STEP_PX = 0.9;

/** The Albers USA base layers never change (fixed size and atlas), so they are drawn once. */
let albersBaseCache: string | undefined;

type Project = (p: [number, number]) => [number, number] | null;

const fitBox = (): [[number, number], [number, number]] => [
  [MARGIN, MARGIN],
  [MAP_WIDTH - MARGIN, MAP_HEIGHT - LEGEND_HEIGHT - MARGIN],
];

/** Puerto Rico and its islands (Vieques, Culebra, Mona), lon/lat. */
const PUERTO_RICO = { west: -68.1, east: -65.1, south: 17.7, north: 18.7 };
const inPuertoRico = (lon: number, lat: number): boolean =>
  lon >= PUERTO_RICO.west && lon <= PUERTO_RICO.east && lat >= PUERTO_RICO.south && lat <= PUERTO_RICO.north;

/** The inset's frame, px: lower right, above the legend, at about the mainland's scale. */
const PR_INSET: [[number, number], [number, number]] = [
  [MAP_WIDTH - MARGIN - 120, MAP_HEIGHT - LEGEND_HEIGHT - MARGIN - 52],
  [MAP_WIDTH - MARGIN, MAP_HEIGHT - LEGEND_HEIGHT - MARGIN],
];

function puertoRicoProjection(outline: Parameters<GeoProjection["fitExtent"]>[1]): GeoProjection {
  const [[x0, y0], [x1, y1]] = PR_INSET;
  return geoConicEqualArea()
    .parallels([18, 18.5])
    .rotate([66.5, 0])
    .fitExtent(
      [
        [x0 + 6, y0 + 6],
        [x1 - 6, y1 - 6],
      ],
      outline,
    );
}

/** Equal Earth fitted to the sites' extent, padded so edge sites are not on the frame. */
function worldProjection(points: readonly (readonly [number, number])[]): { readonly projection: GeoProjection; readonly spanLonDeg: number } {
  let minLon = 180;
  let maxLon = -180;
  let minLat = 90;
  let maxLat = -90;
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  if (points.length === 0) [minLon, maxLon, minLat, maxLat] = [-180, 180, -60, 80];
  // At least 10° each way: one site (or a tight cluster) still gets a readable neighbourhood.
  const padLon = Math.max(2, (maxLon - minLon) * 0.08, (10 - (maxLon - minLon)) / 2);
  const padLat = Math.max(2, (maxLat - minLat) * 0.08, (10 - (maxLat - minLat)) / 2);
  const west = Math.max(-180, minLon - padLon);
  const east = Math.min(180, maxLon + padLon);
  const south = Math.max(-85, minLat - padLat);
  const north = Math.min(85, maxLat + padLat);
  const midLat = (south + north) / 2;
  const box = {
    type: "MultiPoint" as const,
    coordinates: [
      [west, south],
      [east, south],
      [west, north],
      [east, north],
      [west, midLat],
      [east, midLat],
      [(west + east) / 2, north],
      [(west + east) / 2, south],
    ],
  };
  // Clipped to the frame: outlines beyond it would only add bytes nobody sees.
  const projection = geoEqualEarth()
    .rotate([-(west + east) / 2, 0])
    .fitExtent(fitBox(), box)
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT - LEGEND_HEIGHT],
    ]);
  return { projection, spanLonDeg: east - west };
}

/**
 * The map as an inline `<svg>`: no external reference, every text escaped. Each site is one
 * element with class `site` (plus `selected` or `excluded`), `data-site-id` and a `<title>`.
 * @example renderMap(outcome, selectedRows(outcome)).svg.startsWith("<svg") // true
 */
export function renderMap(outcome: RunOutcome, rows: readonly SelectedRow[]): MapSvg {
  const sites = outcome.table.sites;
  const { nation, stateBorders } = usAtlas();
  const usa = geoAlbersUsa().fitExtent(fitBox(), nation);
  const outsideUs = sites.filter((s) => usa([s.lon, s.lat]) === null && !inPuertoRico(s.lon, s.lat)).length;
  const inset = outsideUs === 0 && sites.some((s) => inPuertoRico(s.lon, s.lat)) ? puertoRicoProjection(usAtlas().puertoRico) : null;
  const world = outsideUs > 0 ? worldProjection(sites.map((s) => [s.lon, s.lat] as const)) : null;
  const projection = world?.projection ?? usa;
  const kind: MapProjection = outsideUs > 0 ? "equal-earth" : "albers-usa";
  const project: Project = (p) => {
    const xy = inset !== null && inPuertoRico(p[0], p[1]) ? inset(p) : projection(p);
    return xy && Number.isFinite(xy[0]) && Number.isFinite(xy[1]) ? [xy[0], xy[1]] : null;
  };

  const scale = scoreScale(outcome.ranked.map((s) => s.overall));
  const layers: string[] = [];
  const outline = (cls: string, object: Parameters<typeof pathData>[1]): string =>
    `<path class="${cls}" d="${pathData(projection, object, OUTLINE_STEP_PX)}"/>`;
  if (world) {
    const { countries, countryBorders } = worldAtlas(world.spanLonDeg > 90 ? "110m" : "50m");
    layers.push(
      `<path class="graticule" d="${pathData(projection, geoGraticule10())}"/>`,
      outline("land", countries),
      outline("borders", countryBorders),
      outline("borders states", stateBorders),
    );
  } else {
    albersBaseCache ??= outline("land", nation) + outline("borders", stateBorders);
    layers.push(albersBaseCache);
    if (inset !== null) {
      const [[x0, y0], [x1, y1]] = PR_INSET;
      layers.push(
        `<g class="inset"><rect class="inset-frame" x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/>` +
          `<path class="land" d="${pathData(inset, usAtlas().puertoRico, OUTLINE_STEP_PX)}"/><text class="inset-label" x="${x0 + 4}" y="${y0 + 11}">Puerto Rico</text></g>`,
      );
    }
  }
  layers.push(siteDots(outcome, rows, project, scale));
  layers.push(spacingRings(outcome, rows, project));
  layers.push(selectedMarkers(rows, project, scale));
  layers.push(
    legend(
      scale,
      outcome.problem.minSpacingKm,
      rows.some((r) => r.planned !== null),
    ),
  );
  const label =
    kind === "albers-usa"
      ? `Albers USA${inset !== null ? ", Puerto Rico inset" : ""}`
      : `Equal Earth (${outsideUs} site${outsideUs === 1 ? "" : "s"} outside the US map)`;
  const svg =
    `<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="Map of candidate sites, ${escapeHtml(label)}">` +
    `<title>Candidate sites (${escapeHtml(label)})</title>${layers.join("\n")}</svg>`;
  return { svg, projection: kind, outsideUs };
}

function siteDots(outcome: RunOutcome, rows: readonly SelectedRow[], project: Project, scale: ScoreScale): string {
  const out: string[] = [];
  for (const { site, reasons } of outcome.screen.excluded) {
    const xy = project([site.lon, site.lat]);
    const title = `${site.siteId} · ${site.name} — screened out: ${reasons.join("; ")}`;
    out.push(`<circle class="site excluded" data-site-id="${escapeHtml(site.siteId)}"${at(xy)} r="2.2"><title>${escapeHtml(title)}</title></circle>`);
  }
  const selected = new Set<string>(rows.map((r) => r.scored.site.siteId));
  // Worst first, so the best sites are drawn on top where dots overlap.
  const ranked = outcome.ranked.map((scored, i) => ({ scored, rank: i + 1 })).reverse();
  for (const { scored, rank } of ranked) {
    const site = scored.site;
    if (selected.has(site.siteId)) continue;
    const xy = project([site.lon, site.lat]);
    const title = `${site.siteId} · ${site.name} — score ${fixed(scored.overall)} (rank ${rank})`;
    out.push(
      `<circle class="site" data-site-id="${escapeHtml(site.siteId)}"${at(xy)} r="3.6" fill="${scale.color(scored.overall)}"><title>${escapeHtml(title)}</title></circle>`,
    );
  }
  return `<g class="dots">${out.join("")}</g>`;
}

/** cx/cy attributes; a site no projection can place (none should be) is parked off-canvas. */
function at(xy: [number, number] | null): string {
  return xy ? ` cx="${coord(xy[0])}" cy="${coord(xy[1])}"` : ` cx="-99" cy="-99"`;
}

function spacingRings(outcome: RunOutcome, rows: readonly SelectedRow[], project: Project): string {
  const km = outcome.problem.minSpacingKm;
  if (km <= 0) return "";
  const rings = rows.map((r) => {
    const c = circle([r.scored.site.lon, r.scored.site.lat], km, { steps: 72, units: "kilometers" });
    // A ring is a few dozen pixels across; a longer step is the antimeridian cutting it.
    return ringData(project, c.geometry.coordinates[0] ?? [], MAP_WIDTH / 4);
  });
  return `<path class="spacing" d="${rings.join("")}"/>`;
}

function selectedMarkers(rows: readonly SelectedRow[], project: Project, scale: ScoreScale): string {
  const out = rows.map((row) => {
    const site = row.scored.site;
    const xy = project([site.lon, site.lat]) ?? [-99, -99];
    const fill = scale.color(row.scored.overall);
    const what = row.planned ? `Slot ${row.number} (go-live ${row.planned.goLiveDate})` : `#${row.number}`;
    const title = `${what}: ${site.siteId} · ${site.name} — score ${fixed(row.scored.overall)}`;
    return (
      `<g class="site selected" data-site-id="${escapeHtml(site.siteId)}" transform="translate(${coord(xy[0])} ${coord(xy[1])})">` +
      `<title>${escapeHtml(title)}</title><circle r="10.5" fill="${fill}"/>` +
      `<text class="slot-label${row.number >= 10 ? " two-digit" : ""}" dy="0.35em" fill="${textColorOn(fill)}">${row.number}</text></g>`
    );
  });
  return `<g class="selection">${out.join("")}</g>`;
}

function legend(scale: ScoreScale, spacingKm: number, bySlot: boolean): string {
  const y = MAP_HEIGHT - LEGEND_HEIGHT + 14;
  const barX = 24;
  const barWidth = 220;
  const stops = Array.from({ length: 11 }, (_, i) => {
    const score = scale.min + ((scale.max - scale.min) * i) / 10;
    return `<stop offset="${i * 10}%" stop-color="${scale.color(score)}"/>`;
  }).join("");
  const items: string[] = [
    `<defs><linearGradient id="score-gradient">${stops}</linearGradient></defs>`,
    `<text class="legend-title" x="${barX}" y="${y - 4}">Overall score (screened-in sites)</text>`,
    `<rect x="${barX}" y="${y}" width="${barWidth}" height="10" fill="url(#score-gradient)"/>`,
    `<text x="${barX}" y="${y + 24}">${fixed(scale.min, 0)}</text>`,
    `<text x="${barX + barWidth}" y="${y + 24}" text-anchor="end">${fixed(scale.max, 0)}</text>`,
  ];
  let x = barX + barWidth + 40;
  items.push(`<circle class="legend-excluded" cx="${x}" cy="${y + 5}" r="3"/><text x="${x + 10}" y="${y + 9}">screened out</text>`);
  x += 120;
  items.push(
    `<g transform="translate(${x} ${y + 5})"><circle class="legend-selected" r="10.5" fill="${scale.color(scale.max)}"/>` +
      `<text class="slot-label" dy="0.35em" fill="${textColorOn(scale.color(scale.max))}">1</text></g>` +
      `<text x="${x + 18}" y="${y + 9}">selected, numbered by ${bySlot ? "slot" : "rank"}</text>`,
  );
  x += 230;
  if (spacingKm > 0) {
    items.push(`<circle class="spacing" cx="${x}" cy="${y + 5}" r="9"/><text x="${x + 16}" y="${y + 9}">minimum spacing ${fixed(spacingKm, 0)} km</text>`);
  }
  return `<g class="legend">${items.join("")}</g>`;
}
