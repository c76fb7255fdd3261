/**
 * How to start gigasite from the current folder, for usage lines and hints: `node bin/gigasite.js`
 * at the repository root, `node ../bin/gigasite.js` one folder down, and so on, so that every
 * command a hint prints can be pasted as it is. Started some other way (a script importing the
 * CLI, tsx on src/cli/main.ts), the repository root's form.
 */
import { realpathSync } from "node:fs";
import { basename, isAbsolute, relative } from "node:path";

/** The command that starts this CLI, as typed from `cwd`: `node bin/gigasite.js` at the repository root. */
export function invocation(argv1: string | undefined = process.argv[1], cwd: string = process.cwd()): string {
  if (argv1 === undefined || basename(argv1) !== "gigasite.js") return "node bin/gigasite.js";
  let path = argv1;
  try {
    path = realpathSync(argv1);
  } catch {
    // The path as given.
  }
  const fromHere = relative(cwd, path);
  const shown = fromHere === "" || isAbsolute(fromHere) || fromHere.split(/[\\/]/).filter((p) => p === "..").length > 3 ? path : fromHere;
  return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`;
}
