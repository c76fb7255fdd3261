import { relative } from "node:path";
import {
  DEFAULT_ASSUMPTIONS_FILE,
  errorsOf,
  importGppd,
  joinableCodes,
  loadAssumptions,
  loadEia860File,
  loadGppdFile,
  sidecarJson,
  toCsv,
  writeImport,
  type Eia860Counts,
} from "../../index.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { setInterruptNote } from "../interrupt.ts";
import type { WarningCliOptions } from "../options.ts";
import { statusLine } from "../progress.ts";
import { invocation } from "../invocation.ts";
import { printIssues } from "../terminal.ts";

export interface ImportGppdOptions extends WarningCliOptions {
  /** MW. */
  readonly minMw: number;
  readonly out: string;
  readonly assumptions?: string;
  /** EIA-860 plant CSV to join US plants with. */
  readonly eia860?: string;
  readonly force?: boolean;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** `gigasite import gppd FILE`: GPPD plants to a sites CSV plus the assumptions it used. */
export async function importGppdCommand(file: string, options: ImportGppdOptions): Promise<ExitCode> {
  const minMw = options.minMw;
  const status = statusLine();
  status.set(`reading ${file}${options.eia860 ? ` and ${options.eia860}` : ""}…`);
  const [assumptions, gppd] = await Promise.all([
    loadAssumptions(options.assumptions ?? relative(process.cwd(), DEFAULT_ASSUMPTIONS_FILE)),
    loadGppdFile(file, { minCapacityMw: minMw }),
  ]);
  const eiaFile = options.eia860;
  const eia = eiaFile === undefined ? undefined : await loadEia860File(eiaFile, gppd.ok ? joinableCodes(gppd.value.plants) : undefined);
  const problems = [
    ...(assumptions.ok ? [] : assumptions.issues),
    ...(gppd.ok ? gppd.warnings : gppd.issues),
    ...(eia === undefined ? [] : eia.ok ? eia.warnings : eia.issues),
  ];
  if (!assumptions.ok || !gppd.ok || (eia !== undefined && !eia.ok)) {
    status.clear();
    printIssues(problems, options);
    return EXIT.badInput;
  }
  const eia860 = eiaFile === undefined || eia === undefined || !eia.ok ? undefined : { file: eiaFile, plants: eia.value.plants, sha256: eia.value.sha256 };
  status.set(`deriving candidate sites from ${count(gppd.value.plants.length)} plants…`);
  const result = importGppd(gppd.value.plants, assumptions.value, {
    minCapacityMw: minMw,
    file,
    rowCount: gppd.value.rowCount,
    ...(eia860 === undefined ? {} : { eia860 }),
  });
  status.clear();
  printIssues([...problems, ...result.issues], options);
  if (errorsOf(result.issues).length > 0) return EXIT.badInput;
  if (result.sites.length === 0)
    throw new CliFailure(`${file}: no plant with coordinates has capacity_mw >= ${minMw}: nothing to import (lower --min-mw?)`, EXIT.badInput);
  const csvText = toCsv(result.header, result.rows);
  const json = sidecarJson({
    source: "gppd",
    inputFile: file,
    inputSha256: gppd.value.sha256,
    ...(eia860 === undefined ? {} : { eia860: { file: eia860.file, sha256: eia860.sha256 } }),
    outputFile: options.out,
    csvText,
    used: result.used,
  });
  status.set(`writing ${options.out}…`);
  setInterruptNote(() => `while writing ${options.out}: it holds the previous import or the new one, whole`);
  const written = await writeImport(options.out, csvText, json, {
    force: options.force ?? false,
    protect: [file, ...(eiaFile === undefined ? [] : [eiaFile]), ...assumptions.value.inputFiles],
  });
  status.clear();
  ensureWritten(written);
  const firm = result.sites.filter((s) => s.firmPowerMw >= 1000).length;
  process.stdout.write(
    `${file}: ${count(result.used.counts.atOrAboveMin)} of ${count(result.used.counts.plants)} plants have capacity_mw >= ${count(minMw)}; ` +
      `${count(result.sites.length)} candidate sites (${count(firm)} with firm power >= 1,000 MW)\n` +
      eia860Summary(result.used.counts.eia860) +
      `wrote ${written.csvFile}\nwrote ${written.assumptionsFile} (every assumption used, and the rule behind each column)\n` +
      `next: ${invocation()} run --sites ${written.csvFile}\n`,
  );
  return EXIT.ok;
}

function eia860Summary(join: Eia860Counts | undefined): string {
  if (join === undefined) return "";
  const unmatched =
    join.unmatched === 0
      ? ""
      : `; ${count(join.unmatched)} without a row keep the region's grid zone, blank EIA columns (${join.unmatchedIds.slice(0, 5).join(", ")}${join.unmatched > 5 ? ", ..." : ""})`;
  const noBa =
    join.withoutBalancingAuthority === 0
      ? ""
      : `; matched without a balancing authority (the region's grid zone is kept): ${count(join.withoutBalancingAuthority)}`;
  return `${join.file}: ${count(join.matched)} of ${count(join.matched + join.unmatched)} candidates matched on plant code (${count(join.regulated)} regulated)${unmatched}${noBa}\n`;
}
