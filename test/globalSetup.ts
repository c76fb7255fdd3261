/**
 * Builds dist/ once before the tests when a source is newer than the last build, so the tests
 * that spawn `gigasite` run the compiled CLI, as users do.
 */
import { build, distIsStale } from "../scripts/build.mjs";

export default function setup(): void {
  if (!distIsStale()) return;
  const result = build({ clean: false });
  if (!result.emitted) throw new Error(`could not build dist/ for the CLI tests:\n${result.output}`);
  if (!result.ok) process.stderr.write(`warning: tsc reported type errors (the CLI tests run the JavaScript it emitted anyway):\n${result.output}\n`);
}
