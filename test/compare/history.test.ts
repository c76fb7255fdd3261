/**
 * History and folder naming: `run` keeps the run it replaces in previous/, `compare --last`
 * compares the two, and `compare` on an --out folder uses its one run folder or names the choices.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gigasite } from "../helpers/gigasiteCli.ts";

const FIXTURE = "test/compare/edit-loop";
const run = (sites: string, out: string): Promise<{ code: number }> =>
  gigasite("run", "--sites", `${FIXTURE}/${sites}.csv`, "--model", `${FIXTURE}/model.json`, "--out", out, "--no-report", "--quiet");

describe("run history and compare --last", () => {
  it("keeps the previous run, compares the latest two, and resolves --out folders", async () => {
    const root = await mkdtemp(join(tmpdir(), "gigasite-history-"));
    const out = join(root, "out");
    expect((await run("before", out)).code).toBe(0);
    const noPrevious = await gigasite("compare", "--last", out);
    expect(noPrevious.code).toBe(2);
    expect(noPrevious.stderr).toContain("holds one run and no previous one yet");

    expect((await run("after", out)).code).toBe(0);
    const previous = JSON.parse(await readFile(join(out, "edit-loop", "previous", "run.json"), "utf8")) as { selected: string[] };
    const latest = JSON.parse(await readFile(join(out, "edit-loop", "run.json"), "utf8")) as { selected: string[] };
    expect(previous.selected).toContain("OK-ENI-04");
    expect(latest.selected).not.toContain("OK-ENI-04");

    const last = await gigasite("compare", "--last", out, "--json");
    expect(last.code).toBe(0);
    const json = JSON.parse(last.stdout) as { left: string[]; inputs: { rows_added: string[] }; causes: { status: string } };
    expect([...json.left].sort()).toEqual(["OK-ENI-04", "TX-ODS-02"]);
    expect(json.inputs.rows_added).toEqual(["CO-PUE-22"]);
    expect(json.causes.status).toBe("established");

    // Two --out roots, each with one run folder: compare uses them (no "run.json: not found").
    const other = join(root, "other");
    expect((await run("before", other)).code).toBe(0);
    const roots = await gigasite("compare", other, out, "--max-solves", "0");
    expect(roots.code).toBe(0);
    expect(roots.stdout).toContain("Input changes");
    expect(roots.stdout).toContain("causes not established: --max-solves 0");

    // An --out root with two run folders (two models): the choices are named.
    const model = JSON.parse(await readFile(`${FIXTURE}/model.json`, "utf8")) as Record<string, unknown>;
    await writeFile(join(root, "second.json"), JSON.stringify({ ...model, name: "second" }));
    const second = await gigasite("run", "--sites", `${FIXTURE}/before.csv`, "--model", join(root, "second.json"), "--out", out, "--no-report", "--quiet");
    expect(second.code).toBe(0);
    const both = await gigasite("compare", other, out);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(`${out} is an output root holding 2 run folders (${join(out, "edit-loop")}, ${join(out, "second")})`);
  }, 180_000);
});
