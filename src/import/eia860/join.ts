/**
 * The GPPD–EIA-860 join: a US plant of the Global Power Plant Database carries its EIA plant code
 * in `gppd_idnr` (`USA0003935` is plant code 3935), and the EIA-860 plant row gives its balancing
 * authority, regulatory status, sector, grid voltage, water source and gas pipelines. Pure.
 */
import type { Eia860Plant } from "./read.ts";

/** An EIA-860 table to join, by plant code, with the file it came from (for the summary). */
export interface Eia860Table {
  readonly file: string;
  readonly plants: ReadonlyMap<number, Eia860Plant>;
}

/** What a site takes from its EIA-860 row. */
export interface Eia860Facts {
  readonly plantCode: number;
  /** The plant's state as EIA-860 gives it (the state of its permits and its regulator). */
  readonly state: string | null;
  /** Readable grid-zone name of the balancing authority, or null when the row has none. */
  readonly balancingAuthority: string | null;
  /** True for a rate-regulated plant (`RE`), false for `NR`, null when blank. */
  readonly regulated: boolean | null;
  readonly sector: string | null;
  /** The highest grid connection voltage, kV; null when none is given. */
  readonly gridVoltageKv: number | null;
  readonly waterSource: string | null;
  readonly gasPipelines: number;
}

const US_PLANT_ID = /^USA(\d+)$/;

/**
 * The EIA plant code in a GPPD US id, or null for an id of another form (GPPD's own `WRI…` ids).
 * @example plantCodeOf("USA0003935") // 3935
 */
export function plantCodeOf(gppdId: string): number | null {
  const digits = US_PLANT_ID.exec(gppdId.trim())?.[1];
  return digits === undefined ? null : Number(digits);
}

/**
 * The plant codes a list of plants can join on (US plants with a `USA…` id), for the reader.
 * @example joinableCodes([{ id: "USA0003935", country: "USA" }]) // Set { 3935 }
 */
export function joinableCodes(plants: readonly { readonly id: string; readonly country: string }[]): Set<number> {
  const codes = new Set<number>();
  for (const plant of plants) {
    const code = plant.country === "USA" ? plantCodeOf(plant.id) : null;
    if (code !== null) codes.add(code);
  }
  return codes;
}

/**
 * The readable grid-zone name of a balancing authority code: the assumptions' entry, else the code.
 * @example gridZoneOfBalancingAuthority("ERCO", { ERCO: "ERCOT" }) // "ERCOT"
 */
export function gridZoneOfBalancingAuthority(code: string, names: Readonly<Record<string, string>>): string {
  return Object.hasOwn(names, code) ? (names[code] ?? code) : code;
}

/**
 * The EIA-860 facts of a plant, or null when it has no row (or is not a US plant).
 * @example eia860FactsOf({ id: "USA0003935", country: "USA" }, table, { PJM: "PJM" })?.gridVoltageKv // 765 for John E Amos
 */
export function eia860FactsOf(
  plant: { readonly id: string; readonly country: string },
  table: Eia860Table,
  names: Readonly<Record<string, string>>,
): Eia860Facts | null {
  const code = plant.country === "USA" ? plantCodeOf(plant.id) : null;
  const row = code === null ? undefined : table.plants.get(code);
  if (row === undefined) return null;
  return {
    plantCode: row.plantCode,
    state: row.state,
    balancingAuthority: row.balancingAuthorityCode === null ? null : gridZoneOfBalancingAuthority(row.balancingAuthorityCode, names),
    regulated: row.regulatoryStatus === null ? null : row.regulatoryStatus === "RE",
    sector: row.sector,
    gridVoltageKv: row.gridVoltagesKv.length === 0 ? null : Math.max(...row.gridVoltagesKv),
    waterSource: row.waterSource,
    gasPipelines: row.gasPipelines.length,
  };
}
