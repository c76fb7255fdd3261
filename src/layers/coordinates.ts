/**
 * Coordinates you can trust: a US site must lie in the state its `region` names. Pure; the
 * boundaries come from `src/geo/states.ts`.
 */
import type { InputIssue } from "../core/issues.ts";
import { distanceToStateKm, isInState, isStateCode, stateAt, stateInfo } from "../geo/states.ts";
import type { Site } from "../sites/types.ts";

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
export function checkSiteCoordinates(sites: readonly Site[], file: string, options: CoordinateCheckOptions): InputIssue[] {
  const toleranceKm = options.toleranceKm ?? 2;
  const issues: InputIssue[] = [];
  for (const site of sites) {
    const region = site.region.trim();
    if (!US.has(site.country.trim().toUpperCase()) || !isStateCode(region)) continue;
    if (isInState(region, site.lat, site.lon)) continue;
    const name = stateInfo(region)?.name ?? region;
    const where = `site ${site.siteId} (${site.lat}, ${site.lon})`;
    if (isInState(region, site.lon, site.lat)) {
      issues.push({
        file,
        line: site.line,
        column: "lat",
        code: "lat_lon_swapped",
        message: `${where} is not in ${region} (${name}) but (${site.lon}, ${site.lat}) is: lat and lon look swapped`,
        severity: "error",
      });
      continue;
    }
    const outsideKm = distanceToStateKm(region, site.lat, site.lon);
    if (!(outsideKm > toleranceKm)) continue;
    const actual = stateAt(site.lat, site.lon);
    const lies = actual === null ? "it lies outside every US state" : `it lies in ${actual}`;
    issues.push({
      file,
      line: site.line,
      column: "lat",
      code: "outside_state",
      message: `${where} is ${round1(outsideKm)} km outside ${region} (${name}); ${lies}`,
      severity: options.strict ? "error" : "warning",
    });
  }
  return issues;
}
