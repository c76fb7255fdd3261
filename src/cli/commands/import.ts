import { relative } from "node:path";
import type { Command } from "commander";
import { errorsOf } from "../../core/issues.ts";
import { importGppd } from "../../import/gppd/import.ts";
import { DEFAULT_ASSUMPTIONS_FILE, loadAssumptions, loadGppdFile } from "../../import/load.ts";
import { sidecarJson } from "../../import/sidecar.ts";
import { writeImport } from "../../import/write.ts";
import { toCsv } from "../../report/csv.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printIssues } from "../terminal.ts";

export interface ImportGppdOptions {
  /** MW; the CLI passes the option's text. */
  readonly minMw: number | string;
  readonly out: string;
  readonly assumptions?: string;
  readonly force?: boolean;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** `gigasite import gppd FILE`: GPPD plants to a sites CSV plus the assumptions it used. */
export async function importGppdCommand(file: string, options: ImportGppdOptions): Promise<ExitCode> {
  const minMw = typeof options.minMw === "number" ? options.minMw : String(options.minMw).trim() === "" ? NaN : Number(options.minMw);
  if (!Number.isFinite(minMw) || minMw < 0) throw new CliFailure(`--min-mw expects a number of MW >= 0, found "${String(options.minMw)}"`, EXIT.badInput);
  const [assumptions, gppd] = await Promise.all([loadAssumptions(options.assumptions ?? relative(process.cwd(), DEFAULT_ASSUMPTIONS_FILE)), loadGppdFile(file, { minCapacityMw: minMw })]);
  const problems = [...(assumptions.ok ? [] : assumptions.issues), ...(gppd.ok ? gppd.warnings : gppd.issues)];
  if (!assumptions.ok || !gppd.ok) {
    printIssues(problems);
    return EXIT.badInput;
  }
  const result = importGppd(gppd.value.plants, assumptions.value, { minCapacityMw: minMw, file, rowCount: gppd.value.rowCount });
  printIssues([...problems, ...result.issues]);
  if (errorsOf(result.issues).length > 0) return EXIT.badInput;
  if (result.sites.length === 0) throw new CliFailure(`${file}: no plant with coordinates has capacity_mw >= ${minMw}: nothing to import (lower --min-mw?)`, EXIT.badInput);
  const csvText = toCsv(result.header, result.rows);
  const json = sidecarJson({ source: "gppd", inputFile: file, inputSha256: gppd.value.sha256, outputFile: options.out, csvText, used: result.used });
  const written = await writeImport(options.out, csvText, json, { force: options.force ?? false, protect: [file, ...assumptions.value.inputFiles] });
  ensureWritten(written);
  const firm = result.sites.filter((s) => s.firmPowerMw >= 1000).length;
  process.stdout.write(
    `${file}: ${count(result.used.counts.atOrAboveMin)} of ${count(result.used.counts.plants)} plants have capacity_mw >= ${count(minMw)}; ` +
      `${count(result.sites.length)} candidate sites (${count(firm)} with firm power >= 1,000 MW)\n` +
      `wrote ${written.csvFile}\nwrote ${written.assumptionsFile} (every assumption used, and the rule behind each column)\n` +
      `next: gigasite run --sites ${written.csvFile}\n`,
  );
  return EXIT.ok;
}

export function registerImport(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  const command = program.command("import").description("turn a public list of real plants into a sites CSV");
  command
    .command("gppd <file>")
    .description("WRI Global Power Plant Database CSV (global or per-country table) to candidate sites, one per plant")
    .option("--min-mw <mw>", "import plants with capacity_mw at or above this", "500")
    .option("--out <file>", "sites CSV to write; <name>.assumptions.json is written beside it", "sites.csv")
    .option("--assumptions <file>", "assumptions JSON (default: the bundled data/assumptions/gppd.json)")
    .option("--force", "replace an existing file that is not an untouched previous import")
    .action((file: string, opts: ImportGppdOptions) => act(() => importGppdCommand(file, opts)));
}
