import picocolors from "picocolors";

/**
 * Terminal colours only when a person is watching: picocolors alone also colours piped output
 * whenever a `CI` variable is set, which puts escape codes into logs and files. `NO_COLOR` turns
 * colours off and `FORCE_COLOR` on, as usual.
 */
function colorsWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return process.stdout.isTTY === true && env.TERM !== "dumb";
}

const enabled = colorsWanted(process.env);

export const pc = picocolors.createColors(enabled);
