import { InvalidArgumentError } from "commander";

/**
 * Option parsers: a bad value is a clear message and exit 2 (commander's InvalidArgumentError),
 * never a NaN that travels into the pipeline.
 */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a number > 0, found "${value}"`);
  return n;
}

export function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number >= 0, found "${value}"`);
  return n;
}

export function positiveInteger(value: string): number {
  const n = nonNegativeInteger(value);
  if (n === 0) throw new InvalidArgumentError(`expected a whole number >= 1, found "${value}"`);
  return n;
}

export function solverName(value: string): "jsLPSolver" | "highs" {
  if (value === "jsLPSolver" || value === "highs") return value;
  if (value.toLowerCase() === "jslpsolver") return "jsLPSolver";
  throw new InvalidArgumentError(`expected jsLPSolver or highs, found "${value}"`);
}
