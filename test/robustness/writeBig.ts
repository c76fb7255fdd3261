/** Child process for the interruption test: writes big outputs with the real atomic writer. */
import { writeOutputs } from "../../src/output/runSet.ts";

const [dir, tag, megabytes] = process.argv.slice(2);
const size = Number(megabytes ?? "40") * 1024 * 1024;
const files = new Map<string, string>();
for (const name of ["ranked.csv", "selection.csv", "summary.md", "run.json"]) {
  files.set(name, `${tag}:${name}:`.padEnd(size, tag === "new" ? "n" : "o"));
}
const outcome = await writeOutputs(dir as string, files, { force: false });
process.stdout.write(`${outcome.status}\n`);
