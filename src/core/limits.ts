/**
 * Size limits, checked up front so that an oversized file is refused with a clear message
 * instead of exhausting memory. docs/csv.md ("Limits") states each one and why.
 */

/**
 * Site rows that the commands which hold the whole table in memory (`run`, `explain`, `sweep`,
 * `sensitivity`, `alternatives`) accept. `gigasite validate` streams and has no row limit.
 */
export const MAX_TABLE_ROWS = 100_000;

/**
 * Characters in one CSV cell. Far above any real name or value, and far below the 131,072 that
 * Python's csv module reads by default, so every CSV gigasite writes stays readable there.
 */
export const MAX_CELL_CHARS = 10_000;

/** Columns in a sites CSV header: far above any real table, and it keeps header checks cheap. */
export const MAX_COLUMNS = 1_000;
