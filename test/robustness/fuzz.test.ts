/**
 * Property tests: valid inputs mutated at random (cells dropped, duplicated and swapped, quotes,
 * delimiters and junk bytes inserted, text truncated) never make a loader throw, and every issue
 * it returns has a place in the file. Seeded, so a failure replays; each property has a run count
 * and a generous total time budget (fast-check stops early rather than fail when it runs out).
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { InputIssue, Loaded } from "../../src/core/issues.ts";
import { parseModelJson } from "../../src/scenario/parse.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

const CSV = readFileSync("test/fixtures/sites-small.csv", "utf8");
const MODEL = readFileSync("models/baseline.json", "utf8");
const LIMITS = { seed: 20261126, numRuns: 400, interruptAfterTimeLimit: 60_000 };

type Mutation = (text: string) => string;

/** Applies a cell-level edit to one row, counting rows and cells modulo their lengths. */
const cellEdit =
  (row: number, edit: (cells: string[]) => void): Mutation =>
  (text) => {
    const lines = text.split("\n");
    const index = row % lines.length;
    const cells = (lines[index] ?? "").split(",");
    edit(cells);
    lines[index] = cells.join(",");
    return lines.join("\n");
  };

const insertAt =
  (position: number, piece: string): Mutation =>
  (text) => {
    const at = position % (text.length + 1);
    return text.slice(0, at) + piece + text.slice(at);
  };

const csvMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat()).map(([row, cell]) => cellEdit(row, (cells) => void cells.splice(cell % Math.max(cells.length, 1), 1))),
  fc
    .tuple(fc.nat(), fc.nat())
    .map(([row, cell]) => cellEdit(row, (cells) => void cells.splice(cell % Math.max(cells.length, 1), 0, cells[cell % Math.max(cells.length, 1)] ?? ""))),
  fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([row, a, b]) =>
    cellEdit(row, (cells) => {
      const i = a % Math.max(cells.length, 1);
      const j = b % Math.max(cells.length, 1);
      [cells[i], cells[j]] = [cells[j] ?? "", cells[i] ?? ""];
    }),
  ),
  fc
    .tuple(fc.nat(), fc.constantFrom('"', ",", ";", "\t", "\n", "\r\n", "\r", '""', "1e999", "NaN", "-", "%", "\uFEFF", "__proto__"))
    .map(([at, piece]) => insertAt(at, piece)),
  fc.tuple(fc.nat(), fc.string({ maxLength: 8 })).map(([at, junk]) => insertAt(at, junk)),
  fc.nat().map(
    (at): Mutation =>
      (text) =>
        text.slice(0, at % (text.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([row, other]): Mutation =>
      (text) => {
        const lines = text.split("\n");
        lines.splice(row % lines.length, 0, lines[other % lines.length] ?? "");
        return lines.join("\n");
      },
  ),
);

/** Bytes that may not be valid UTF-8 at all, spliced into the encoded text. */
const byteJunk = fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 }));

function checkIssues(loaded: Loaded<unknown>, maxLine: number, columnsAreNumbers: boolean): void {
  const issues: readonly InputIssue[] = loaded.ok ? loaded.warnings : loaded.issues;
  if (!loaded.ok) expect(issues.some((i) => i.severity === "error")).toBe(true);
  for (const issue of issues) {
    expect(Number.isInteger(issue.line)).toBe(true);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(maxLine);
    expect(issue.message.length).toBeGreaterThan(0);
    if (columnsAreNumbers && issue.column !== undefined) expect(issue.column).toBeGreaterThanOrEqual(1);
  }
}

const physicalLines = (text: string): number => text.split(/\r\n|\r|\n/).length;

describe("loaders never throw on mutated input", () => {
  it("parseSitesCsv on mutated CSV text and bytes", () => {
    const outcomes = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.array(csvMutation, { minLength: 1, maxLength: 6 }), fc.option(byteJunk), (mutations, junk) => {
        const text = mutations.reduce((t, mutate) => mutate(t), CSV);
        let bytes = new TextEncoder().encode(text);
        if (junk !== null) {
          const at = junk[0] % (bytes.length + 1);
          bytes = Uint8Array.from([...bytes.subarray(0, at), ...junk[1], ...bytes.subarray(at)]);
        }
        const loaded = parseSitesCsv(bytes, "sites.csv");
        outcomes[loaded.ok ? "ok" : "rejected"]++;
        checkIssues(loaded, physicalLines(new TextDecoder().decode(bytes)) + 1, false);
        if (loaded.ok) {
          for (const site of loaded.value.sites) expect(Number.isFinite(site.capexBn) && site.capexBn >= 0).toBe(true);
        }
      }),
      LIMITS,
    );
    // The mutations must exercise both outcomes, or the property proves little.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it("parseModelJson on mutated JSON text", () => {
    const codes = new Set<string>();
    const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc
        .tuple(fc.nat(), fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "'", "//", "/*", "\n", "-", "1e999", "null", "true", '"x":1,'))
        .map(([at, piece]) => insertAt(at, piece)),
      fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
        ([at, length]): Mutation =>
          (text) => {
            const start = at % (text.length + 1);
            return text.slice(0, start) + text.slice(start + length);
          },
      ),
      fc.tuple(fc.nat(), fc.nat({ max: 60 }), fc.nat()).map(
        ([from, length, to]): Mutation =>
          (text) => {
            const start = from % (text.length + 1);
            return insertAt(to, text.slice(start, start + length))(text);
          },
      ),
      fc.nat().map(
        (at): Mutation =>
          (text) =>
            text.slice(0, at % (text.length + 1)),
      ),
      fc.tuple(fc.nat(), fc.string({ maxLength: 6 })).map(([at, junk]) => insertAt(at, junk)),
    );
    fc.assert(
      fc.property(
        fc.array(textMutation, { minLength: 1, maxLength: 5 }),
        fc.option(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 8 })),
        (mutations, columns) => {
          const text = mutations.reduce((t, mutate) => mutate(t), MODEL);
          const loaded = parseModelJson(text, "model.json", columns === null ? {} : { columns });
          if (!loaded.ok)
            loaded.issues.forEach((i) => {
              codes.add(i.code);
            });
          checkIssues(loaded, physicalLines(text), true);
        },
      ),
      LIMITS,
    );
    // Syntax errors alone would make this a JSON.parse test: schema and rule issues must show up too.
    expect(codes.has("json_syntax")).toBe(true);
    expect([...codes].filter((c) => c !== "json_syntax").length).toBeGreaterThan(0);
  });

  it("parseModelJson on structurally mutated models (keys dropped, renamed, values retyped)", () => {
    const base = JSON.parse(MODEL) as unknown;
    const replacement = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.string({ maxLength: 5 }), fc.constant([]), fc.constant({}));
    const edit = fc.tuple(fc.nat(), fc.constantFrom("drop", "rename", "retype"), replacement);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const model = structuredClone(base);
        for (const [pick, kind, value] of edits) mutateNode(model, pick, kind, value);
        const text = JSON.stringify(model, null, 2);
        const loaded = parseModelJson(text, "model.json", { columns: ["capex_bn", "permitting_months"] });
        checkIssues(loaded, physicalLines(text), true);
      }),
      LIMITS,
    );
  });
});

/** Edits one object property of `root`, chosen by `pick` among all properties, in place. */
function mutateNode(root: unknown, pick: number, kind: "drop" | "rename" | "retype", value: unknown): void {
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        slots.push([node as Record<string, unknown>, key]);
        walk((node as Record<string, unknown>)[key]);
      }
    }
  };
  walk(root);
  const slot = slots[pick % Math.max(slots.length, 1)];
  if (slot === undefined) return;
  const [owner, key] = slot;
  if (kind === "drop") delete owner[key];
  else if (kind === "rename") {
    owner[`${key.slice(0, -1)}${key.slice(-1).toUpperCase()}x`] = owner[key];
    delete owner[key];
  } else owner[key] = value;
}
