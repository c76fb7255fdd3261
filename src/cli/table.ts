/**
 * The one table style of the terminal: cli-table3 with plain (uncoloured) heads and borders,
 * compact rows. Every command that prints a table draws it through here.
 */
import Table from "cli-table3";

type TableOptions = NonNullable<ConstructorParameters<typeof Table>[0]>;

/** A cli-table3 table in gigasite's terminal style; `options` gives the heads, alignments and widths. */
export function terminalTable(options: Omit<TableOptions, "style">): InstanceType<typeof Table> {
  return new Table({ ...options, style: { head: [], border: [], compact: true } });
}
