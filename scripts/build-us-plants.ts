/**
 * Builds the bundled REAL candidate set `data/us-plants.csv` (and its `us-plants.assumptions.json`)
 * with `gigasite import gppd --eia860` from the two public tables beside the project:
 * `npm run data:plants`. The tables are read in place from `../shared/data/` and never copied;
 * the output is derived data, committed with its attribution (see `data/README.md`).
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { importGppdCommand } from "../src/cli/commands/import.ts";
import { CliFailure, EXIT, type ExitCode } from "../src/cli/exitCodes.ts";

/** Inputs and output, relative to the project root (so the sidecar names the same paths on every machine). */
export const US_PLANTS = {
  gppd: "../shared/data/gppd/database_USA.csv",
  eia860: "../shared/data/eia860/plant_2019.csv",
  out: "data/us-plants.csv",
  minMw: 500,
} as const;

/** The project root, whatever the working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Why the set cannot be built here (a shared table is absent), or null when it can.
 * Paths are resolved from the working directory, which must be the project root.
 * @example missingInputs() // null in a checkout with ../shared beside it
 */
export function missingInputs(): string | null {
  const absent = [US_PLANTS.gppd, US_PLANTS.eia860].filter((path) => !existsSync(path));
  return absent.length === 0
    ? null
    : `${absent.join(" and ")} ${absent.length === 1 ? "is" : "are"} absent (the public tables are read in place beside the project, never copied into it)`;
}

/**
 * Runs the import into `out` (default: the bundled file). The working directory must be the
 * project root. Returns the import's exit code.
 * @example await buildUsPlants("/tmp/us-plants.csv") // 0, and the file written
 */
export async function buildUsPlants(out: string = US_PLANTS.out): Promise<ExitCode> {
  return importGppdCommand(US_PLANTS.gppd, { minMw: US_PLANTS.minMw, eia860: US_PLANTS.eia860, out });
}

async function main(): Promise<void> {
  process.chdir(PROJECT_ROOT);
  const missing = missingInputs();
  if (missing !== null) {
    process.stderr.write(`data:plants: cannot build ${US_PLANTS.out}: ${missing}\n`);
    process.exitCode = EXIT.badInput;
    return;
  }
  try {
    process.exitCode = await buildUsPlants();
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    process.stderr.write(`data:plants: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
