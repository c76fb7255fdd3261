/**
 * Generates the SYNTHETIC bundled candidate list `data/sites.csv` from the state typical values
 * of `data/regions.csv`: `npm run data:sites`. Seeded, so every run writes the same bytes.
 *
 * Sites are drawn around plausible anchors (cities, existing power and data-centre hubs) and kept
 * only when `stateAt` agrees with the state they name. A few tight clusters make spacing bind.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seededRandom, type Random } from "../src/core/random.ts";
import { haversineKm } from "../src/geo/sphere.ts";
import { isStateCode, stateAt, type StateCode } from "../src/geo/states.ts";
import type { RegionValues } from "../src/import/assumptions.ts";
import { parseRegionTable } from "../src/import/regionTable.ts";

/** Seed of the committed file; change it only on purpose (the test compares bytes). */
export const SITES_SEED = 20250101;

export const SITE_COLUMNS = [
  "site_id",
  "name",
  "lat",
  "lon",
  "country",
  "region",
  "grid_zone",
  "firm_power_mw",
  "time_to_power_months",
  "power_price_usd_mwh",
  "carbon_kg_mwh",
  "permitting_months",
  "capex_bn",
  "cost_of_capital_pct",
  "incentives_bn",
  "brownfield",
  "permitted",
  "water_stress",
  "fiber_km",
] as const;

/** Columns that may be blank ("unknown"); ~5 % of their cells are. */
export const OPTIONAL_COLUMNS = [
  "time_to_power_months",
  "power_price_usd_mwh",
  "carbon_kg_mwh",
  "permitting_months",
  "cost_of_capital_pct",
  "incentives_bn",
  "brownfield",
  "permitted",
  "water_stress",
  "fiber_km",
] as const;

type Column = (typeof SITE_COLUMNS)[number];
export type GeneratedSite = Readonly<Record<Column, string>>;

/** One row of `data/regions.csv`: a state's typical values. */
export interface RegionRow extends Omit<RegionValues, "gridZone" | "extras"> {
  readonly region: StateCode;
  readonly gridZone: string;
  readonly waterStress: number;
}

type Anchor = readonly [city: string, lat: number, lon: number];

/** Sites per state (weighted to where data centres are really built) and anchors to scatter them around. */
const STATE_PLAN: Readonly<Record<string, { readonly sites: number; readonly anchors: readonly Anchor[] }>> = {
  AL: {
    sites: 12,
    anchors: [
      ["Huntsville", 34.73, -86.59],
      ["Birmingham", 33.52, -86.8],
      ["Bridgeport", 34.95, -85.71],
      ["Montgomery", 32.37, -86.3],
    ],
  },
  AR: {
    sites: 8,
    anchors: [
      ["Little Rock", 34.75, -92.29],
      ["West Memphis", 35.15, -90.18],
      ["Pine Bluff", 34.23, -92.0],
    ],
  },
  AZ: {
    sites: 34,
    anchors: [
      ["Mesa", 33.42, -111.83],
      ["Goodyear", 33.44, -112.36],
      ["Tucson", 32.22, -110.97],
      ["Casa Grande", 32.88, -111.76],
      ["Buckeye", 33.37, -112.58],
    ],
  },
  CA: {
    sites: 8,
    anchors: [
      ["Santa Clara", 37.35, -121.96],
      ["Sacramento", 38.58, -121.49],
      ["Imperial", 32.85, -115.57],
      ["Bakersfield", 35.37, -119.02],
    ],
  },
  CO: {
    sites: 10,
    anchors: [
      ["Denver", 39.74, -104.99],
      ["Pueblo", 38.25, -104.61],
      ["Colorado Springs", 38.83, -104.82],
    ],
  },
  CT: {
    sites: 3,
    anchors: [
      ["Waterford", 41.34, -72.14],
      ["Hartford", 41.76, -72.68],
    ],
  },
  DE: {
    sites: 2,
    anchors: [
      ["Wilmington", 39.74, -75.55],
      ["Dover", 39.16, -75.52],
    ],
  },
  FL: {
    sites: 8,
    anchors: [
      ["Jacksonville", 30.33, -81.66],
      ["Orlando", 28.54, -81.38],
      ["Tampa", 27.95, -82.46],
    ],
  },
  GA: {
    sites: 40,
    anchors: [
      ["Atlanta", 33.75, -84.39],
      ["Douglasville", 33.75, -84.75],
      ["Rome", 34.26, -85.16],
      ["Macon", 32.84, -83.63],
      ["Columbus", 32.46, -84.99],
    ],
  },
  IA: {
    sites: 24,
    anchors: [
      ["Council Bluffs", 41.26, -95.86],
      ["Altoona", 41.64, -93.46],
      ["Cedar Rapids", 41.98, -91.67],
      ["Waukee", 41.61, -93.89],
    ],
  },
  ID: {
    sites: 6,
    anchors: [
      ["Boise", 43.62, -116.2],
      ["Kuna", 43.49, -116.42],
      ["Idaho Falls", 43.49, -112.03],
    ],
  },
  IL: {
    sites: 24,
    anchors: [
      ["Elk Grove", 42.0, -87.97],
      ["Aurora", 41.76, -88.32],
      ["DeKalb", 41.93, -88.75],
      ["Joliet", 41.53, -88.08],
      ["Springfield", 39.78, -89.65],
    ],
  },
  IN: {
    sites: 23,
    anchors: [
      ["Indianapolis", 39.77, -86.16],
      ["New Carlisle", 41.7, -86.51],
      ["Jeffersonville", 38.28, -85.74],
      ["Fort Wayne", 41.08, -85.14],
      ["Lebanon", 40.05, -86.47],
    ],
  },
  KS: {
    sites: 10,
    anchors: [
      ["Kansas City", 39.11, -94.63],
      ["Wichita", 37.69, -97.34],
      ["Topeka", 39.05, -95.68],
    ],
  },
  KY: {
    sites: 10,
    anchors: [
      ["Louisville", 38.25, -85.76],
      ["Lexington", 38.04, -84.5],
      ["Paducah", 37.08, -88.6],
    ],
  },
  LA: {
    sites: 16,
    anchors: [
      ["Holly Ridge", 32.37, -91.76],
      ["Baton Rouge", 30.45, -91.19],
      ["Shreveport", 32.52, -93.75],
      ["Lake Charles", 30.23, -93.22],
    ],
  },
  MA: {
    sites: 3,
    anchors: [
      ["Worcester", 42.26, -71.8],
      ["Springfield", 42.1, -72.59],
    ],
  },
  MD: {
    sites: 8,
    anchors: [
      ["Frederick", 39.41, -77.41],
      ["Baltimore", 39.29, -76.61],
      ["Hagerstown", 39.64, -77.72],
    ],
  },
  ME: {
    sites: 2,
    anchors: [
      ["Portland", 43.66, -70.26],
      ["Bangor", 44.8, -68.77],
    ],
  },
  MI: {
    sites: 10,
    anchors: [
      ["Grand Rapids", 42.96, -85.67],
      ["Lansing", 42.73, -84.56],
      ["Saline", 42.17, -83.78],
      ["Monroe", 41.92, -83.4],
    ],
  },
  MN: {
    sites: 10,
    anchors: [
      ["Minneapolis", 44.98, -93.27],
      ["Rosemount", 44.74, -93.13],
      ["Rochester", 44.02, -92.47],
    ],
  },
  MO: {
    sites: 10,
    anchors: [
      ["Kansas City", 39.1, -94.58],
      ["St. Louis", 38.63, -90.2],
      ["Springfield", 37.21, -93.29],
    ],
  },
  MS: {
    sites: 10,
    anchors: [
      ["Jackson", 32.3, -90.18],
      ["Meridian", 32.36, -88.7],
      ["Tupelo", 34.26, -88.7],
    ],
  },
  MT: {
    sites: 5,
    anchors: [
      ["Billings", 45.78, -108.5],
      ["Colstrip", 45.88, -106.62],
      ["Great Falls", 47.5, -111.3],
    ],
  },
  NC: {
    sites: 25,
    anchors: [
      ["Charlotte", 35.23, -80.84],
      ["Raleigh", 35.78, -78.64],
      ["Maiden", 35.58, -81.21],
      ["Forest City", 35.33, -81.87],
      ["Lenoir", 35.91, -81.54],
    ],
  },
  ND: {
    sites: 14,
    anchors: [
      ["Williston", 48.15, -103.62],
      ["Bismarck", 46.81, -100.78],
      ["Fargo", 46.88, -96.79],
      ["Grand Forks", 47.93, -97.03],
    ],
  },
  NE: {
    sites: 10,
    anchors: [
      ["Omaha", 41.26, -95.93],
      ["Papillion", 41.15, -96.04],
      ["Lincoln", 40.81, -96.7],
    ],
  },
  NH: {
    sites: 2,
    anchors: [
      ["Manchester", 42.99, -71.45],
      ["Concord", 43.21, -71.54],
    ],
  },
  NJ: {
    sites: 6,
    anchors: [
      ["Vineland", 39.49, -75.03],
      ["Newark", 40.74, -74.17],
      ["Piscataway", 40.55, -74.46],
    ],
  },
  NM: {
    sites: 10,
    anchors: [
      ["Los Lunas", 34.81, -106.73],
      ["Farmington", 36.73, -108.21],
      ["Las Cruces", 32.32, -106.76],
    ],
  },
  NV: {
    sites: 20,
    anchors: [
      ["McCarran", 39.55, -119.45],
      ["Las Vegas", 36.17, -115.14],
      ["Henderson", 36.04, -114.98],
    ],
  },
  NY: {
    sites: 8,
    anchors: [
      ["Lockport", 43.17, -78.69],
      ["Massena", 44.93, -74.89],
      ["Syracuse", 43.05, -76.15],
    ],
  },
  OH: {
    sites: 40,
    anchors: [
      ["New Albany", 40.08, -82.81],
      ["Columbus", 39.96, -83.0],
      ["Dayton", 39.76, -84.19],
      ["Cleveland", 41.5, -81.69],
      ["Cincinnati", 39.1, -84.51],
    ],
  },
  OK: {
    sites: 22,
    anchors: [
      ["Pryor", 36.31, -95.32],
      ["Oklahoma City", 35.47, -97.52],
      ["Tulsa", 36.15, -95.99],
      ["Stillwater", 36.12, -97.06],
    ],
  },
  OR: {
    sites: 20,
    anchors: [
      ["Hillsboro", 45.52, -122.99],
      ["The Dalles", 45.59, -121.18],
      ["Prineville", 44.3, -120.83],
      ["Hermiston", 45.84, -119.29],
    ],
  },
  PA: {
    sites: 31,
    anchors: [
      ["Pittsburgh", 40.44, -80.0],
      ["Homer City", 40.54, -79.16],
      ["Berwick", 41.05, -76.23],
      ["Harrisburg", 40.27, -76.88],
      ["Allentown", 40.61, -75.49],
    ],
  },
  RI: { sites: 1, anchors: [["Providence", 41.82, -71.41]] },
  SC: {
    sites: 14,
    anchors: [
      ["Columbia", 34.0, -81.03],
      ["Greenville", 34.85, -82.4],
      ["Moncks Corner", 33.2, -80.01],
    ],
  },
  SD: {
    sites: 5,
    anchors: [
      ["Sioux Falls", 43.55, -96.73],
      ["Rapid City", 44.08, -103.23],
    ],
  },
  TN: {
    sites: 14,
    anchors: [
      ["Memphis", 35.15, -90.05],
      ["Nashville", 36.16, -86.78],
      ["Clarksville", 36.53, -87.36],
      ["Chattanooga", 35.05, -85.31],
    ],
  },
  TX: {
    sites: 96,
    anchors: [
      ["Abilene", 32.45, -99.73],
      ["Dallas", 32.78, -96.8],
      ["Fort Worth", 32.76, -97.33],
      ["San Antonio", 29.42, -98.49],
      ["Taylor", 30.57, -97.41],
      ["Houston", 29.76, -95.37],
      ["Amarillo", 35.22, -101.83],
      ["Odessa", 31.85, -102.37],
      ["Waco", 31.55, -97.15],
      ["Temple", 31.1, -97.34],
    ],
  },
  UT: {
    sites: 12,
    anchors: [
      ["Salt Lake City", 40.76, -111.89],
      ["Eagle Mountain", 40.31, -112.01],
      ["Delta", 39.35, -112.58],
    ],
  },
  VA: {
    sites: 61,
    anchors: [
      ["Ashburn", 39.04, -77.49],
      ["Manassas", 38.75, -77.48],
      ["Culpeper", 38.47, -78.0],
      ["Richmond", 37.54, -77.44],
      ["Chesterfield", 37.38, -77.51],
      ["Henrico", 37.55, -77.35],
      ["Boydton", 36.67, -78.39],
    ],
  },
  VT: { sites: 1, anchors: [["Burlington", 44.48, -73.21]] },
  WA: {
    sites: 18,
    anchors: [
      ["Quincy", 47.23, -119.85],
      ["Wenatchee", 47.42, -120.31],
      ["Moses Lake", 47.13, -119.28],
      ["Tukwila", 47.47, -122.26],
    ],
  },
  WI: {
    sites: 12,
    anchors: [
      ["Mount Pleasant", 42.71, -87.88],
      ["Port Washington", 43.39, -87.88],
      ["Madison", 43.07, -89.4],
      ["Beaver Dam", 43.46, -88.84],
    ],
  },
  WV: {
    sites: 8,
    anchors: [
      ["Charleston", 38.35, -81.63],
      ["Morgantown", 39.63, -79.96],
      ["Martinsburg", 39.46, -77.96],
    ],
  },
  WY: {
    sites: 14,
    anchors: [
      ["Cheyenne", 41.14, -104.82],
      ["Casper", 42.87, -106.31],
      ["Gillette", 44.29, -105.5],
      ["Rock Springs", 41.59, -109.2],
    ],
  },
};

/** Tight clusters (every pair within 2 × radiusKm) so that a minimum spacing rule matters. */
const CLUSTERS: readonly { readonly region: string; readonly name: string; readonly lat: number; readonly lon: number; readonly sites: number }[] = [
  { region: "VA", name: "Loudoun Tech Corridor", lat: 39.02, lon: -77.5, sites: 8 },
  { region: "TX", name: "Abilene Energy Park", lat: 32.5, lon: -99.77, sites: 6 },
  { region: "OH", name: "New Albany Business Park", lat: 40.09, lon: -82.78, sites: 6 },
  { region: "IA", name: "Council Bluffs Riverside", lat: 41.22, lon: -95.83, sites: 5 },
  { region: "AZ", name: "Mesa Gateway", lat: 33.33, lon: -111.66, sites: 4 },
];
export const CLUSTER_RADIUS_KM = 8;

const SMALL_STATES = new Set(["CT", "DE", "MA", "MD", "NH", "NJ", "RI", "VT"]);
const SUFFIXES = [
  "North",
  "South",
  "East",
  "West",
  "Ridge",
  "Crossing",
  "Gateway",
  "Junction",
  "Valley",
  "Prairie",
  "Station",
  "Summit",
  "Creek",
  "Meadows",
  "Point",
  "Heights",
];
const BROWNFIELD_SUFFIXES = ["Generating Station Site", "Power Plant Redevelopment", "Industrial Park", "Mill Site", "Substation Campus"];

/**
 * Reads `data/regions.csv` text with the importer's regional-table parser. The file is ours, so
 * a malformed row is a bug, and throws.
 * @example parseRegions(readFileSync("data/regions.csv", "utf8")).length; // 48
 */
export function parseRegions(csvText: string): readonly RegionRow[] {
  const table = parseRegionTable(csvText, "data/regions.csv", "us-states");
  if (!table.ok) throw new Error(`data/regions.csv: ${table.issues.map((i) => `line ${i.line ?? "?"}: ${i.message}`).join("; ")}`);
  return [...table.value.rows].map(([region, r]) => {
    const waterStress = r.extras.get("water_stress");
    if (!isStateCode(region) || r.gridZone === null || waterStress === undefined || waterStress === null || Number.isNaN(waterStress)) {
      throw new Error(`data/regions.csv: bad row for ${region}`);
    }
    return {
      region,
      gridZone: r.gridZone,
      powerPriceUsdMwh: r.powerPriceUsdMwh,
      carbonKgMwh: r.carbonKgMwh,
      permittingMonths: r.permittingMonths,
      timeToPowerMonths: r.timeToPowerMonths,
      costOfCapitalPct: r.costOfCapitalPct,
      incentivesBn: r.incentivesBn,
      capexBn: r.capexBn,
      waterStress,
    };
  });
}

const KM_PER_DEGREE = 111.195;

/** Rejection sampling: a normal scatter around the anchor, kept only inside the state. */
function placeInState(rng: Random, region: StateCode, lat: number, lon: number, spreadKm: number, disc: boolean): [number, number] {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    let dLatKm: number;
    let dLonKm: number;
    if (disc) {
      // Uniform in a disc, so every pair of the cluster is within two radii.
      const r = spreadKm * Math.sqrt(rng.next());
      const theta = 2 * Math.PI * rng.next();
      dLatKm = r * Math.sin(theta);
      dLonKm = r * Math.cos(theta);
    } else {
      dLatKm = rng.normal(0, spreadKm);
      dLonKm = rng.normal(0, spreadKm);
    }
    const pLat = Number((lat + dLatKm / KM_PER_DEGREE).toFixed(4));
    const pLon = Number((lon + dLonKm / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180))).toFixed(4));
    if (disc && haversineKm(lat, lon, pLat, pLon) > spreadKm) continue;
    if (stateAt(pLat, pLon) === region) return [pLat, pLon];
  }
  throw new Error(`could not place a site in ${region} near ${lat},${lon}`);
}

const noise = (rng: Random, sd: number): number => Math.exp(rng.normal(0, sd));
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function uniqueName(rng: Random, taken: Set<string>, city: string, brownfield: boolean): string {
  const suffixes = brownfield ? BROWNFIELD_SUFFIXES : SUFFIXES;
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = brownfield ? `${city} ${rng.pick(suffixes)}` : `${city} ${rng.pick(suffixes)} Campus`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
  for (let n = 2; ; n++) {
    const candidate = `${city} Campus ${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

interface Placement {
  readonly region: StateCode;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly clustered: boolean;
  readonly brownfield: boolean;
}

function siteValues(rng: Random, r: RegionRow, place: Placement): Record<Column, string> {
  const permitted = rng.next() < 0.08;
  const lowPower = rng.next() < 0.15;
  const firmPowerMw = lowPower ? 50 * rng.int(6, 19) : 50 * Math.round((1000 + 2000 * rng.next() ** 1.5) / 50);
  // Brownfield sites reuse an interconnection and an industrial zoning: power and permits come sooner.
  const ttpFactor = place.brownfield ? rng.uniform(0.25, 0.55) : 1;
  const permitFactor = place.brownfield ? rng.uniform(0.5, 0.8) : 1;
  const timeToPower = Math.max(3, Math.round(r.timeToPowerMonths * noise(rng, 0.25) * ttpFactor));
  const permitting = permitted ? 0 : Math.max(2, Math.round(r.permittingMonths * noise(rng, 0.2) * permitFactor));
  const capexBn = clamp(r.capexBn * noise(rng, 0.08) * (place.brownfield ? 0.95 : 1), 7, 13);
  const fiberMeanKm = place.clustered ? 2 : 12;
  return {
    site_id: "",
    name: place.name,
    lat: place.lat.toFixed(4),
    lon: place.lon.toFixed(4),
    country: "US",
    region: place.region,
    grid_zone: r.gridZone,
    firm_power_mw: String(firmPowerMw),
    time_to_power_months: String(timeToPower),
    power_price_usd_mwh: (r.powerPriceUsdMwh * noise(rng, 0.06)).toFixed(1),
    carbon_kg_mwh: String(Math.round(r.carbonKgMwh * noise(rng, 0.12))),
    permitting_months: String(permitting),
    capex_bn: capexBn.toFixed(2),
    cost_of_capital_pct: (r.costOfCapitalPct + rng.normal(0, 0.25)).toFixed(2),
    incentives_bn: (r.incentivesBn * rng.uniform(0.6, 1.4)).toFixed(2),
    brownfield: String(place.brownfield),
    permitted: String(permitted),
    water_stress: clamp(r.waterStress + rng.normal(0, 0.35), 0, 5).toFixed(1),
    fiber_km: (-fiberMeanKm * Math.log(1 - rng.next())).toFixed(1),
  };
}

/**
 * The synthetic sites, in state order, ids S0001…; pure and deterministic for a given seed.
 * @example generateSites(parseRegions(regionsCsv)).length; // 760
 */
export function generateSites(regions: readonly RegionRow[], seed: number = SITES_SEED): readonly GeneratedSite[] {
  const rng = seededRandom(seed);
  const taken = new Set<string>();
  const rows: GeneratedSite[] = [];
  for (const region of regions) {
    const plan = STATE_PLAN[region.region];
    if (plan === undefined) continue;
    const clusters = CLUSTERS.filter((c) => c.region === region.region);
    const clustered = clusters.reduce((n, c) => n + c.sites, 0);
    const placements: Placement[] = [];
    for (const cluster of clusters) {
      for (let k = 0; k < cluster.sites; k++) {
        const [lat, lon] = placeInState(rng, region.region, cluster.lat, cluster.lon, CLUSTER_RADIUS_KM, true);
        const name = `${cluster.name} Campus ${String.fromCharCode(65 + k)}`;
        placements.push({ region: region.region, name, lat, lon, clustered: true, brownfield: rng.next() < 0.2 });
      }
    }
    const spreadKm = SMALL_STATES.has(region.region) ? 15 : 30;
    for (let k = clustered; k < plan.sites; k++) {
      const [city, aLat, aLon] = rng.pick(plan.anchors);
      const [lat, lon] = placeInState(rng, region.region, aLat, aLon, spreadKm, false);
      const brownfield = rng.next() < 0.2;
      placements.push({ region: region.region, name: uniqueName(rng, taken, city, brownfield), lat, lon, clustered: false, brownfield });
    }
    for (const place of placements) {
      const values = siteValues(rng, region, place);
      // Gaps in real candidate lists are scattered: each optional cell is blank with p = 5 %.
      for (const column of OPTIONAL_COLUMNS) if (rng.next() < 0.05) values[column] = "";
      values.site_id = `S${String(rows.length + 1).padStart(4, "0")}`;
      rows.push(values);
    }
  }
  return rows;
}

const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * The CSV text: header, one line a site, LF endings, trailing newline.
 * @example sitesToCsv([]); // "site_id,name,...,fiber_km\n"
 */
export function sitesToCsv(sites: readonly GeneratedSite[]): string {
  const lines = [SITE_COLUMNS.join(","), ...sites.map((s) => SITE_COLUMNS.map((c) => csvCell(s[c])).join(","))];
  return `${lines.join("\n")}\n`;
}

/**
 * `data/sites.csv` from `data/regions.csv`, as text.
 * @example generateSitesCsv(readFileSync("data/regions.csv", "utf8")) === readFileSync("data/sites.csv", "utf8"); // true
 */
export function generateSitesCsv(regionsCsv: string, seed: number = SITES_SEED): string {
  return sitesToCsv(generateSites(parseRegions(regionsCsv), seed));
}

function main(): void {
  const dataDir = fileURLToPath(new URL("../data/", import.meta.url));
  const csv = generateSitesCsv(readFileSync(`${dataDir}regions.csv`, "utf8"));
  // Write beside and rename, so a reader never sees half a file.
  writeFileSync(`${dataDir}sites.csv.tmp`, csv);
  renameSync(`${dataDir}sites.csv.tmp`, `${dataDir}sites.csv`);
  process.stdout.write(`wrote data/sites.csv: ${csv.split("\n").length - 2} sites\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
