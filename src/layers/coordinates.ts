/**
 * Coordinates you can trust: a US site must lie in the state its `region` names. Pure; the
 * boundaries come from `src/geo/states.ts`.
 */
import type { InputIssue } from "../core/issues.ts";
import { distanceToStateKm, isInState, isStateCode, stateAt, stateInfo } from "../geo/states.ts";
import type { SiteLocation } from "../sites/types.ts";

export interface CoordinateCheckOptions {
  /** Outside-state sites become errors instead of warnings (the CLI's `--strict`). */
  readonly strict: boolean;
  /**
   * Distance outside the state, km, still accepted silently. The 1:10m outlines are good to a
   * kilometre or two and leave out open water, so a port or a border plant can sit just outside.
   * Default 2.
   */
  readonly toleranceKm?: number;
}

const US = new Set(["US", "USA"]);

const round1 = (km: number): string => (Math.round(km * 10) / 10).toFixed(1);

/**
 * Checks every US site (country `US`, region a state code) against its state's outline. A site
 * whose swapped `(lon, lat)` lies in the state is an error (`lat_lon_swapped`): the point is
 * certainly wrong, whatever the tolerance. A site farther than the tolerance outside its state is
 * a warning (`outside_state`) with the distance to the border, or an error when `strict`.
 * @example checkSiteCoordinates(table.sites, "data/sites.csv", { strict: false })
 * // [{ file: "data/sites.csv", line: 12, column: "lat", code: "outside_state", severity: "warning",
 * //    message: "site S-011 (36.1, -94.2) is 14.2 km outside AR (it lies in OK)" }]
 */
export function checkSiteCoordinates(sites: readonly SiteLocation[], file: string, options: CoordinateCheckOptions): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const site of sites) {
    const issue = checkSiteLocation(site, file, options);
    if (issue !== undefined) issues.push(issue);
  }
  return issues;
}

/**
 * The check of {@link checkSiteCoordinates} for one site: `run` applies it to the loaded table,
 * `validate` to each row as the file streams past, so both report the same issues.
 * @example checkSiteLocation({ siteId, lat: 40.7, lon: -74.0, country: "US", region: "NJ", line: 2 }, "s.csv", { strict: false }) // undefined
 */
export function checkSiteLocation(site: SiteLocation, file: string, options: CoordinateCheckOptions): InputIssue | undefined {
  const region = site.region.trim();
  if (!US.has(site.country.trim().toUpperCase()) || !isStateCode(region)) return undefined;
  if (isInState(region, site.lat, site.lon)) return undefined;
  const name = stateInfo(region)?.name ?? region;
  const where = `site ${site.siteId} (${site.lat}, ${site.lon})`;
  if (isInState(region, site.lon, site.lat)) {
    return {
      file,
      line: site.line,
      column: "lat",
      code: "lat_lon_swapped",
      message: `${where} is not in ${region} (${name}) but (${site.lon}, ${site.lat}) is: lat and lon look swapped`,
      severity: "error",
    };
  }
  const outsideKm = distanceToStateKm(region, site.lat, site.lon);
  if (!(outsideKm > (options.toleranceKm ?? 2))) return undefined;
  const actual = stateAt(site.lat, site.lon);
  const lies = actual === null ? "it lies outside every US state" : `it lies in ${actual}`;
  return {
    file,
    line: site.line,
    column: "lat",
    code: "outside_state",
    message: `${where} is ${round1(outsideKm)} km outside ${region} (${name}); ${lies}`,
    severity: options.strict ? "error" : "warning",
  };
}
