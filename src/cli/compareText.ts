/**
 * A comparison on the terminal: the sections compare.md shows (see `src/compare/sections.ts`), in
 * the same order, with tables drawn by cli-table3. `compare` and `run --watch` both print it.
 */
import { terminalTable } from "./table.ts";
import { pc } from "./colors.ts";
import type { Block, Section } from "../index.ts";

function blockText(block: Block): string {
  if (block.kind === "lines") return block.lines.map((l) => `  ${l.startsWith("warning:") ? pc.yellow(l) : l}`).join("\n");
  const table = terminalTable({
    head: [...block.head],
    colAligns: block.right.map((r) => (r ? "right" : "left")),
  });
  for (const row of block.rows) table.push([...row]);
  return table.toString().replace(/^/gm, "  ");
}

/**
 * The sections as terminal text, titles in bold.
 * @example sectionsText(comparisonSections(c, causes))
 */
export function sectionsText(sections: readonly Section[]): string {
  const out: string[] = [];
  for (const section of sections) {
    if (section.title !== "") out.push(pc.bold(section.title));
    for (const block of section.blocks) out.push(blockText(block));
  }
  return out.join("\n");
}
