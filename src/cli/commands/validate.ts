import { open } from "node:fs/promises";
import {
  checkSiteLocation,
  errorsOf,
  issuesToJson,
  loadLayers,
  loadModel,
  loadRunInputs,
  validateSitesFile,
  type InputIssue,
  type SiteLocation,
} from "../../index.ts";
import { EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import type { WarningCliOptions } from "../options.ts";
import { STDIN_ARG, STDIN_NAME } from "../stdin.ts";
import { printIssues } from "../terminal.ts";

export interface ValidateOptions extends WarningCliOptions {
  readonly maxIssues: number;
  readonly json?: boolean;
  /** With a model file: also check the model against this sites CSV. */
  readonly sites?: string;
  /** A site outside the state it names is an error, as in `run --strict`. */
  readonly strict?: boolean;
}

interface Verdict {
  readonly kind: "sites" | "model";
  readonly file: string;
  readonly issues: readonly InputIssue[];
  readonly issueCount: number;
  readonly errorCount: number;
  /** The one-line summary of a valid file. */
  readonly summary: string;
  readonly rowCount?: number;
}

/** A model file by its name (.json) or, failing that, by its first character ("{"). */
async function looksLikeModel(file: string): Promise<boolean> {
  if (/\.jsonc?$/i.test(file)) return true;
  if (/\.(csv|tsv|txt)$/i.test(file)) return false;
  const handle = await open(file, "r").catch(() => null);
  if (handle === null) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("{");
  } finally {
    await handle.close();
  }
}

async function validateModel(file: string, sites: string | undefined, strict: boolean): Promise<Verdict> {
  if (sites !== undefined) {
    const loaded = await loadRunInputs(sites, file, { strict });
    const issues = loaded.ok ? loaded.value.warnings : loaded.issues;
    const errorCount = errorsOf(issues).length;
    const summary = loaded.ok ? `model "${loaded.value.model.name}", valid against ${sites} (${loaded.value.table.sites.length} sites)` : "";
    return { kind: "model", file, issues, issueCount: issues.length, errorCount, summary };
  }
  const model = await loadModel(file);
  if (!model.ok) return { kind: "model", file, issues: model.issues, issueCount: model.issues.length, errorCount: errorsOf(model.issues).length, summary: "" };
  const layers = await loadLayers(model.value, file);
  const issues = [...model.warnings, ...(layers.ok ? layers.warnings : layers.issues)];
  const summary = `model "${model.value.name}", valid (${model.value.criteria.length} criteria; columns are checked against a CSV with --sites)`;
  return { kind: "model", file, issues, issueCount: issues.length, errorCount: errorsOf(issues).length, summary };
}

/**
 * A sites CSV, streamed. Each good row is also checked against the state it names, by the check
 * `run` applies (so validate reports what run will): those issues are kept in full, not capped,
 * so that they are grouped and counted as run groups them.
 */
async function validateSites(file: string, maxIssues: number, strict: boolean): Promise<Verdict> {
  const fromStdin = file === STDIN_ARG;
  const name = fromStdin ? STDIN_NAME : file;
  const located: InputIssue[] = [];
  const onSite = (site: SiteLocation): void => {
    const issue = checkSiteLocation(site, name, { strict });
    if (issue !== undefined) located.push(issue);
  };
  const report = await validateSitesFile(name, { maxIssues, onSite, ...(fromStdin ? { input: process.stdin } : {}) });
  const issueCount = report.issueCount + located.length;
  const errorCount = report.errorCount + errorsOf(located).length;
  const warnings = issueCount - errorCount;
  const summary = `${report.rowCount} sites, valid${warnings > 0 ? ` (${warnings.toLocaleString("en-US")} warning(s))` : ""}`;
  return { kind: "sites", file: name, issues: [...report.issues, ...located], issueCount, errorCount, rowCount: report.rowCount, summary };
}

/** `gigasite validate FILE`: a sites CSV or a model file; every problem (the first 100 and the total), or a one-line summary. */
export async function validateCommand(file: string, options: ValidateOptions): Promise<ExitCode> {
  const strict = options.strict ?? false;
  const verdict =
    file !== STDIN_ARG && (await looksLikeModel(file))
      ? await validateModel(file, options.sites, strict)
      : await validateSites(file, options.maxIssues, strict);
  const code = verdict.errorCount > 0 ? EXIT.badInput : EXIT.ok;
  if (options.json) {
    const json = {
      format: "gigasite-validate",
      version: 1,
      file: verdict.file,
      kind: verdict.kind,
      valid: verdict.errorCount === 0,
      ...(verdict.rowCount !== undefined ? { rows: verdict.rowCount } : {}),
      error_count: verdict.errorCount,
      warning_count: verdict.issueCount - verdict.errorCount,
      issues: issuesToJson(verdict.issues),
      issues_listed: verdict.issues.length,
    };
    printJson(json);
    return code;
  }
  printIssues(verdict.issues, options);
  if (verdict.issueCount > verdict.issues.length) {
    process.stderr.write(`... and ${verdict.issueCount - verdict.issues.length} more (${verdict.issueCount} in all)\n`);
  }
  if (verdict.errorCount > 0) {
    const rows = verdict.rowCount !== undefined ? ` in ${verdict.rowCount} rows` : "";
    process.stderr.write(`${verdict.file}: ${verdict.errorCount} error(s)${rows}\n`);
    return code;
  }
  process.stdout.write(`${verdict.file}: ${verdict.summary}\n`);
  return code;
}
