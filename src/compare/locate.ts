/**
 * Which run folder a path names: a run folder itself (it holds run.json), or an `--out` folder
 * holding exactly one run folder (`out/` after one model was run). Anything else comes back as
 * an issue naming the choices, never as a bare "run.json: not found".
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { InputIssue } from "../core/issues.ts";
import { PREVIOUS_FOLDER } from "../output/history.ts";

export type Located = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly issue: InputIssue };

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * The run folder `path` names.
 * @example await locateRun("out") // { ok: true, dir: "out/baseline" } when out/ holds only baseline/
 */
export async function locateRun(path: string): Promise<Located> {
  if (await isFile(join(path, "run.json"))) return { ok: true, dir: path };
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (entries === null) return { ok: true, dir: path };
  const runs: string[] = [];
  for (const e of entries) if (e.isDirectory() && e.name !== PREVIOUS_FOLDER && (await isFile(join(path, e.name, "run.json")))) runs.push(join(path, e.name));
  runs.sort();
  if (runs.length === 1 && runs[0] !== undefined) return { ok: true, dir: runs[0] };
  const file = join(path, "run.json");
  if (runs.length === 0) return { ok: true, dir: path };
  return {
    ok: false,
    issue: {
      file,
      code: "several_runs",
      severity: "error",
      message: `not found: ${path} is an output root holding ${runs.length} run folders (${runs.join(", ")}); name one of them`,
    },
  };
}

/**
 * The two folders `compare --last` compares: the run's `previous/` and the run.
 * @example await lastTwo("out") // { ok: true, a: "out/baseline/previous", b: "out/baseline" }
 */
export async function lastTwo(
  path: string,
): Promise<{ readonly ok: true; readonly a: string; readonly b: string } | { readonly ok: false; readonly issue: InputIssue }> {
  const located = await locateRun(path);
  if (!located.ok) return located;
  const previous = join(located.dir, PREVIOUS_FOLDER);
  if (!(await isFile(join(previous, "run.json")))) {
    const why = (await isFile(join(located.dir, "run.json")))
      ? `${located.dir} holds one run and no previous one yet: run the model again, then compare --last`
      : `${located.dir} holds no run of gigasite`;
    return { ok: false, issue: { file: previous, code: "no_previous_run", severity: "error", message: `not found: ${why}` } };
  }
  return { ok: true, a: previous, b: located.dir };
}
