/**
 * A comparison on the terminal: the sections compare.md shows (see `src/compare/sections.ts`), in
 * the same order, with tables drawn by cli-table3. `compare` and `run --watch` both print it.
 */
import { fittedTableText, terminalWidth } from "./table.ts";
import { pc } from "./colors.ts";
import type { Block, Section } from "../index.ts";

function blockText(block: Block, width: number): string {
  if (block.kind === "lines") return block.lines.map((l) => `  ${l.startsWith("warning:") ? pc.yellow(l) : l}`).join("\n");
  // Text columns wrap to fit the terminal (two columns go to the indent); figures stay whole.
  const columns = block.head.map((head, c) => (block.right[c] ? { head, align: "right" as const } : { head, give: "wrap" as const, minWidth: 12 }));
  return fittedTableText(columns, block.rows, width - 2).replace(/^/gm, "  ");
}

/**
 * The sections as terminal text, titles in bold.
 * @example sectionsText(comparisonSections(c, causes))
 */
export function sectionsText(sections: readonly Section[], width: number = terminalWidth()): string {
  const out: string[] = [];
  for (const section of sections) {
    if (section.title !== "") out.push(pc.bold(section.title));
    for (const block of section.blocks) out.push(blockText(block, width));
  }
  return out.join("\n");
}
