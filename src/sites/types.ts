/** A candidate site identifier as written in the CSV's `site_id` column. */
export type SiteId = string & { readonly __brand: "SiteId" };

export const asSiteId = (id: string): SiteId => id as SiteId;

/**
 * One candidate site, as read from one CSV row. Optional numbers are `null` when the cell was
 * blank ("unknown", never zero).
 */
export interface Site {
  readonly siteId: SiteId;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly region: string;
  readonly gridZone: string;
  readonly firmPowerMw: number;
  readonly timeToPowerMonths: number | null;
  readonly powerPriceUsdMwh: number | null;
  readonly carbonKgMwh: number | null;
  readonly permittingMonths: number | null;
  readonly capexBn: number;
  readonly costOfCapitalPct: number | null;
  readonly incentivesBn: number | null;
  /** Existing industrial/grid site (optional `brownfield` column). */
  readonly brownfield: boolean | null;
  /** Permits already in hand (optional `permitted` column). */
  readonly permitted: boolean | null;
  /** Known go-live date (optional `earliest_online_date` column, YYYY-MM-DD) of a site already under construction. */
  readonly earliestOnlineDate: string | null;
  /** 1-based line of the row in its file. */
  readonly line: number;
  /**
   * Every numeric column of the row by CSV column name, core and extra alike, for criteria and
   * filters. A `Map`, so a header such as `__proto__` is just a key.
   */
  readonly values: ReadonlyMap<string, number | null>;
  /** Text columns beyond the core ones, by CSV column name. */
  readonly text: ReadonlyMap<string, string>;
}

/** Where a site says it is: what the coordinate check against its state needs. */
export type SiteLocation = Pick<Site, "siteId" | "lat" | "lon" | "country" | "region" | "line">;

export interface SiteTable {
  readonly file: string;
  readonly sites: readonly Site[];
  /** Header as found (after trimming), in file order. */
  readonly columns: readonly string[];
  /** Extra numeric columns usable as criteria. */
  readonly extraNumericColumns: readonly string[];
  /** SHA-256 of the file's bytes. */
  readonly sha256: string;
}
