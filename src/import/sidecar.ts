/**
 * `<out>.assumptions.json`: what an import used and why, so every derived value can be traced
 * back to a rule and a number. Deterministic (no clock): the same inputs give the same bytes.
 */
import { basename } from "node:path";
import type { UsedAssumptions } from "./gppd/import.ts";
import { IMPORT_GENERATOR, sha256Of } from "./write.ts";

export interface SidecarInput {
  /** `gppd` */
  readonly source: string;
  /** The input file as the user named it. */
  readonly inputFile: string;
  readonly inputSha256: string;
  /** The EIA-860 table joined (`--eia860`), if any. */
  readonly eia860?: { readonly file: string; readonly sha256: string };
  readonly outputFile: string;
  readonly csvText: string;
  readonly used: UsedAssumptions;
}

/**
 * The sidecar JSON text (2-space indent, final newline).
 * @example JSON.parse(sidecarJson({ source: "gppd", inputFile: "g.csv", inputSha256: "…", outputFile: "sites.csv", csvText, used })).output.sha256 === sha256Of(csvText) // true
 */
export function sidecarJson(input: SidecarInput): string {
  const document = {
    generator: `${IMPORT_GENERATOR} ${input.source}`,
    format: 1,
    input: { file: input.inputFile, sha256: input.inputSha256 },
    ...(input.eia860 === undefined ? {} : { eia860: input.eia860 }),
    output: { file: basename(input.outputFile), sha256: sha256Of(input.csvText) },
    minCapacityMw: input.used.minCapacityMw,
    counts: input.used.counts,
    rules: input.used.rules,
    assumptionsFile: input.used.assumptionsFile,
    assumptions: input.used.assumptions,
    regionTables: input.used.regionTables,
    countryDefaults: input.used.countryDefaults,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
