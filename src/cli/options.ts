/**
 * One parser per kind of option, shared by every command: `--solver jslpsolver` means the same in
 * `run` and in `explain`, and a bad value is one line and exit 2 (commander's InvalidArgumentError),
 * never a NaN that travels into the pipeline.
 */
import { InvalidArgumentError, Option, type Command } from "commander";

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number > 0, found "${value}"`);
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number >= 0, found "${value}"`);
  return n;
}

/** A whole number of at least `min`; the message names that bound whatever is wrong with the value. */
function wholeNumberAtLeast(value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}, found "${value}"`);
  return n;
}

/** A whole number in min..max; the message names both bounds. */
function wholeNumberIn(value: string, min: number, max: number, what = "a whole number"): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`expected ${what} from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}, found "${value}"`);
  return n;
}

/** Largest seed: the random streams take 32-bit seeds, so a larger one would quietly be another seed. */
export const MAX_SEED = 4_294_967_295;

/** A seed, 0..2^32 − 1, taken exactly (4294967296 was seed 0 in disguise). */
export function seedNumber(value: string): number {
  return wholeNumberIn(value, 0, MAX_SEED, "a whole-number seed");
}

/** Samples of a risk evaluation: 1..1,000,000, the model key's bound (each sample is kept until summed). */
export function sampleCount(value: string): number {
  return wholeNumberIn(value, 1, 1_000_000, "a whole number of samples");
}

export function nonNegativeInteger(value: string): number {
  return wholeNumberAtLeast(value, 0);
}

export function positiveInteger(value: string): number {
  return wholeNumberAtLeast(value, 1);
}

export type SolverName = "jsLPSolver" | "highs";

export function solverName(value: string): SolverName {
  if (value === "jsLPSolver" || value === "highs") return value;
  if (value.toLowerCase() === "jslpsolver") return "jsLPSolver";
  if (value.toLowerCase() === "highs") return "highs";
  throw new InvalidArgumentError(`expected jsLPSolver or highs, found "${value}"`);
}

/**
 * "20%" or "0.2" as a fraction; null when it is neither.
 * @example parseFraction("2%") // 0.02
 */
export function parseFraction(text: string): number | null {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const value = Number(percent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === "" || trimmed === "%" || !Number.isFinite(value) || value < 0) return null;
  return percent ? value / 100 : value;
}

/** A fraction written as "2%" or "0.02". */
export function fraction(value: string): number {
  const parsed = parseFraction(value);
  if (parsed === null) throw new InvalidArgumentError(`expected a fraction such as 2% or 0.02, found "${value}"`);
  return parsed;
}

/** A fraction below 1 written as "20%" or "0.2". */
export function fractionBelowOne(value: string): number {
  const fraction = parseFraction(value);
  if (fraction === null || fraction >= 1) throw new InvalidArgumentError(`expected a fraction below 100% such as 20% or 0.2, found "${value}"`);
  return fraction;
}

/** `--sites FILE` ("-" reads standard input). */
export const sitesOption = (): Option => new Option("--sites <file>", 'sites CSV ("-" reads standard input)').default("data/sites.csv");
export const modelOption = (): Option => new Option("--model <file>", "scenario model JSON").default("models/baseline.json");
export const solverOption = (): Option => new Option("--solver <name>", "highs (default) or jsLPSolver").argParser(solverName);
export const timeLimitOption = (what = "solver time limit in seconds"): Option => new Option("--time-limit <seconds>", what).argParser(positiveNumber);
export const forceOption = (): Option => new Option("--force", "write into a folder that holds files gigasite did not write (they are left alone)");
export const jsonOption = (what: string): Option => new Option("--json", what);
export const strictOption = (): Option => new Option("--strict", "a site outside the state it names is an error, not a warning");

/** The options of every command that loads a sites CSV and a model and solves it. */
export function addSolveOptions(command: Command, timeLimit = "solver time limit per solve, seconds"): Command {
  return command.addOption(sitesOption()).addOption(modelOption()).addOption(solverOption()).addOption(timeLimitOption(timeLimit));
}

/** `--quiet` and `--all-warnings`, for every command that reads input files; `listedIn` names the output file that keeps every warning, if any. */
export function addWarningOptions(command: Command, listedIn?: string): Command {
  return command
    .addOption(new Option("--quiet", `do not print warnings${listedIn === undefined ? "" : ` (${listedIn} still lists them)`}`))
    .addOption(new Option("--all-warnings", "print every warning, not the first few of each kind"));
}

/** What `--quiet` / `--all-warnings` ask for. */
export interface WarningCliOptions {
  readonly quiet?: boolean;
  readonly allWarnings?: boolean;
}
