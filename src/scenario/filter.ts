/** What a model's hard filter means for one cell: shared by screening and by layer feature filters. */
import type { CellValue } from "../sites/columnValue.ts";
import type { Filter } from "./schema.ts";

/** Sentence shown for a filter's drops when the model gives no reason of its own. */
export function describeFilter(filter: Filter): string {
  return filter.reason ?? `${filter.column} ${filter.op} ${String(filter.value)}`;
}

/**
 * Whether a cell satisfies a filter. Blank cells follow `ifMissing` (default: fail).
 * @example passesFilter({ column: "firm_power_mw", op: ">=", value: 1000 }, 1200) // true
 */
export function passesFilter(filter: Filter, cell: CellValue | undefined): boolean {
  if (cell === null || cell === undefined) return (filter.ifMissing ?? "fail") === "pass";
  const target = filter.value;
  if (typeof cell === "number" && typeof target === "number") {
    switch (filter.op) {
      case ">=":
        return cell >= target;
      case "<=":
        return cell <= target;
      case ">":
        return cell > target;
      case "<":
        return cell < target;
      case "==":
        return cell === target;
      case "!=":
        return cell !== target;
    }
  }
  const same = String(cell).toLowerCase() === String(target).toLowerCase();
  if (filter.op === "==") return same;
  if (filter.op === "!=") return !same;
  return false;
}
