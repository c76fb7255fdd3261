/**
 * The row-by-row validation shared by the in-memory parser and the streaming validator: the first
 * non-blank row is the header, every later row is checked, issues are collected (optionally capped).
 */
import { MAX_ISSUES_PER_KIND, moreIssuesLikeThis, type InputIssue } from "../core/issues.ts";
import { FileDiagnosis } from "./diagnose.ts";
import { ExtraColumns } from "./extras.ts";
import { checkHeader, type HeaderLayout } from "./header.ts";
import { parseNumberCell } from "./cells.ts";
import { RowChecker } from "./rows.ts";
import { normalizeSiteId } from "./siteId.ts";
import { asSiteId, type SiteLocation } from "./types.ts";

/**
 * A row that passed its own checks, as its raw cells: the strings exist anyway, and re-reading
 * them at the end costs far less memory than keeping per-row maps for 100,000s of rows.
 */
export interface KeptRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface ValidationOutcome {
  /** Issues in line order; at most `maxIssues` of them. */
  readonly issues: readonly InputIssue[];
  /** Number of issues found in all, warnings included. */
  readonly issueCount: number;
  /** Number of those issues that are errors. */
  readonly errorCount: number;
  /** Non-blank data rows seen (the header excluded). */
  readonly rowCount: number;
  readonly layout: HeaderLayout | undefined;
  readonly numericExtras: ReadonlySet<string>;
  /** Rows without errors, in file order (only when `keepRows`). */
  readonly rows: readonly KeptRow[];
}

export interface ValidationOptions {
  readonly maxIssues?: number;
  readonly keepRows: boolean;
  /** More data rows than this is an error (the rows are still checked, none is kept). */
  readonly maxRows?: number;
  /** Told where each row without errors says its site is (the streaming validator checks it against its state). */
  readonly onSite?: (site: SiteLocation) => void;
}

/** A good row's location, read as the parser reads it. */
function siteLocationOf(cells: readonly string[], layout: HeaderLayout, line: number): SiteLocation {
  const cell = (name: string): string => {
    const index = layout.known.get(name);
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const coordinate = (name: string): number => {
    const parsed = parseNumberCell(cell(name), "");
    return parsed.kind === "number" ? parsed.value : Number.NaN;
  };
  return {
    siteId: asSiteId(normalizeSiteId(cell("site_id"))),
    lat: coordinate("lat"),
    lon: coordinate("lon"),
    country: cell("country"),
    region: cell("region"),
    line,
  };
}

/**
 * Feed rows with {@link SitesValidation.row} (cells as split by the CSV reader, 1-based line of the
 * row's first physical line), reader problems with {@link SitesValidation.add}, then `finish()`.
 * @example const v = new SitesValidation("s.csv", { keepRows: true }); v.row(["site_id", "name"], 1); v.finish().rowCount // 0
 */
export class SitesValidation {
  private readonly issues: InputIssue[] = [];
  private issueCount = 0;
  private errorCount = 0;
  private rowCount = 0;
  private layout: HeaderLayout | undefined;
  private checker: RowChecker | undefined;
  private extras: ExtraColumns | undefined;
  private readonly kept: KeptRow[] = [];
  private readonly maxIssues: number;
  /** The header was refused as a whole (too many columns): rows are counted, not checked. */
  private headerRefused = false;
  private firstLineBeyondLimit: number | undefined;
  private readonly diagnosis = new FileDiagnosis();
  private readonly perKind = new Map<string, number>();
  private readonly firstUnlisted = new Map<string, InputIssue>();

  constructor(
    private readonly file: string,
    private readonly options: ValidationOptions,
  ) {
    this.maxIssues = options.maxIssues ?? Number.POSITIVE_INFINITY;
  }

  add(issue: InputIssue): void {
    this.issueCount++;
    if (issue.severity === "error") this.errorCount++;
    if (this.diagnosis.holds(issue)) return;
    // At most MAX_ISSUES_PER_KIND of a kind are kept; finish() counts the rest in one issue.
    const ofKind = (this.perKind.get(issue.code) ?? 0) + 1;
    this.perKind.set(issue.code, ofKind);
    if (ofKind > MAX_ISSUES_PER_KIND) {
      if (ofKind === MAX_ISSUES_PER_KIND + 1) this.firstUnlisted.set(issue.code, issue);
      return;
    }
    if (this.issues.length < this.maxIssues) this.issues.push(issue);
  }

  /** True once a header has been read. */
  get hasHeader(): boolean {
    return this.layout !== undefined;
  }

  row(cells: readonly string[], line: number): void {
    if (this.layout === undefined || this.checker === undefined || this.extras === undefined) {
      if (cells.every((c) => c.trim() === "")) return;
      const header = checkHeader(cells, this.file, line);
      for (const i of header.issues) this.add(i);
      this.headerRefused = header.issues.some((i) => i.code === "too_many_columns");
      this.layout = header.layout;
      this.checker = new RowChecker(header.layout, this.file);
      this.extras = new ExtraColumns(header.layout.extras.keys(), this.file, this.maxIssues);
      return;
    }
    // Past a refused header or the row limit, rows are only counted: the file is refused anyway.
    if (this.headerRefused || this.firstLineBeyondLimit !== undefined) {
      if (!cells.every((c) => c.trim() === "")) this.rowCount++;
      return;
    }
    const result = this.checker.check(cells, line);
    if (result.kind === "blank") return;
    this.rowCount++;
    if (this.options.maxRows !== undefined && this.rowCount > this.options.maxRows && this.firstLineBeyondLimit === undefined) {
      this.firstLineBeyondLimit = line;
      // Rows kept so far will not become a table: free them now.
      this.kept.length = 0;
    }
    for (const i of result.issues) this.add(i);
    // A row with the wrong cell count has no trustworthy cells to classify columns by.
    if (cells.length < this.layout.columns.length || result.issues.some((i) => i.code === "too_many_cells")) return;
    for (const [name, index] of this.layout.extras) this.extras.observe(name, (cells[index] ?? "").trim(), line);
    if (result.rowOk && this.options.onSite !== undefined) this.options.onSite(siteLocationOf(cells, this.layout, line));
    // Once the file has an error no table will be returned, so rows need not be kept.
    if (this.options.keepRows && result.rowOk && this.errorCount === 0 && this.firstLineBeyondLimit === undefined) this.kept.push({ line, cells });
  }

  finish(): ValidationOutcome {
    if (this.layout === undefined) {
      this.add({
        file: this.file,
        line: 1,
        code: "empty_file",
        message: "expected a header line (site_id, name, lat, lon, ...) and site rows, found an empty file",
        severity: "error",
      });
    } else if (this.rowCount === 0) {
      this.add({ file: this.file, line: 1, code: "no_rows", message: "expected site rows after the header, found none", severity: "error" });
    }
    if (this.firstLineBeyondLimit !== undefined && this.options.maxRows !== undefined) {
      const limit = this.options.maxRows.toLocaleString("en-US");
      this.add({
        file: this.file,
        line: this.firstLineBeyondLimit,
        code: "too_many_rows",
        message: `the file has ${this.rowCount.toLocaleString("en-US")} site rows, more than the ${limit} this command holds in memory: filter the file first (gigasite validate checks a file of any size)`,
        severity: "error",
      });
    }
    const extras = this.extras?.finish();
    const extraIssues = (extras?.issues ?? []).filter((i) => !this.diagnosis.holds(i));
    for (const [code, count] of extras?.countByCode ?? [])
      this.diagnosis.countUnlisted(code, count - (extras?.issues ?? []).filter((i) => i.code === code).length);
    // File-level causes first: they explain the cell issues they stand for.
    const { diagnoses, released, dropped } = this.diagnosis.finish(this.rowCount);
    const issues = [...this.issues, ...released, ...extraIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const [code, like] of this.firstUnlisted) {
      const inAll = this.perKind.get(code) ?? 0;
      issues.push(moreIssuesLikeThis(like, inAll - MAX_ISSUES_PER_KIND, inAll));
    }
    return {
      issues: [...diagnoses, ...issues].slice(0, this.maxIssues),
      issueCount: this.issueCount - dropped + (extras?.issueCount ?? 0),
      errorCount: this.errorCount - dropped + (extras?.issueCount ?? 0),
      rowCount: this.rowCount,
      layout: this.layout,
      numericExtras: extras?.numeric ?? new Set(),
      rows: this.kept,
    };
  }
}
