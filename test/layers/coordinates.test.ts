import { describe, expect, it } from "vitest";
import { checkSiteCoordinates } from "../../src/layers/coordinates.ts";
import { makeSite, referenceHaversineKm } from "./helpers.ts";

const austin = [30.2672, -97.7431] as const;

describe("checkSiteCoordinates", () => {
  it("accepts sites inside the state they name", () => {
    const sites = [
      makeSite("austin", ...austin, { region: "TX" }),
      makeSite("denver", 39.7392, -104.9903, { region: "CO" }),
      makeSite("nyc", 40.7128, -74.006, { region: "NY" }),
    ];
    expect(checkSiteCoordinates(sites, "sites.csv", { strict: false })).toEqual([]);
  });

  it("warns about a site outside its state with the distance to the border", () => {
    const site = makeSite("S-9", ...austin, { region: "CO", line: 12 });
    const [issue, ...rest] = checkSiteCoordinates([site], "sites.csv", { strict: false });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: "sites.csv", line: 12, column: "lat", code: "outside_state", severity: "warning" });
    const km = Number(/is ([\d.]+) km outside CO/.exec(issue?.message ?? "")?.[1]);
    // Colorado's south-east corner (37° N, 102.04° W) is on its border, so the border is no
    // farther than that corner, and Colorado lies wholly north of 37° N.
    expect(km).toBeLessThanOrEqual(referenceHaversineKm(...austin, 37, -102.0417) + 0.1);
    expect(km).toBeGreaterThanOrEqual(referenceHaversineKm(...austin, 37, austin[1]) - 0.1);
    expect(issue?.message).toContain("it lies in TX");
  });

  it("makes the same finding an error with strict", () => {
    const site = makeSite("S-9", ...austin, { region: "CO" });
    expect(checkSiteCoordinates([site], "sites.csv", { strict: true }).map((i) => [i.code, i.severity])).toEqual([["outside_state", "error"]]);
  });

  it("tolerates a site within the boundary precision, but not beyond", () => {
    // Colorado's northern border is the 41st parallel; north of it is Wyoming.
    const justOver = makeSite("over-0.6km", 41.005, -105, { region: "CO" });
    const wellOver = makeSite("over-5.6km", 41.05, -105, { region: "CO" });
    const issues = checkSiteCoordinates([justOver, wellOver], "sites.csv", { strict: false });
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/^site over-5\.6km .* km outside CO \(Colorado\); it lies in WY$/)]);
    expect(checkSiteCoordinates([justOver], "sites.csv", { strict: false, toleranceKm: 0.1 })).toHaveLength(1);
  });

  it("catches swapped lat/lon: an error even without strict", () => {
    const swapped = makeSite("nyc-swapped", -74.006, 40.7128, { region: "NY", line: 7 });
    expect(checkSiteCoordinates([swapped], "sites.csv", { strict: false })).toEqual([
      {
        file: "sites.csv",
        line: 7,
        column: "lat",
        code: "lat_lon_swapped",
        message: "site nyc-swapped (-74.006, 40.7128) is not in NY (New York) but (40.7128, -74.006) is: lat and lon look swapped",
        severity: "error",
      },
    ]);
  });

  it("checks only US rows whose region is a state code", () => {
    const sites = [
      makeSite("canada", 43.65, -79.38, { country: "CA", region: "ON" }),
      makeSite("zone", ...austin, { region: "ERCOT" }),
      makeSite("lower-case", ...austin, { region: "co" }),
      makeSite("usa", ...austin, { country: "usa", region: "CO" }),
    ];
    expect(checkSiteCoordinates(sites, "sites.csv", { strict: true }).map((i) => i.message.split(" ")[1])).toEqual(["usa"]);
  });
});
