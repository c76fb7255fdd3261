import type { Command } from "commander";
import { positiveInteger } from "../parse.ts";
import { validateSitesFile } from "../../sites/load.ts";
import { EXIT, type ExitCode } from "../exitCodes.ts";
import { printIssues } from "../terminal.ts";

/** `gigasite validate FILE`: every problem (the first 100 and the total), or a one-line summary. */
export async function validateCommand(file: string, maxIssues: number): Promise<ExitCode> {
  const report = await validateSitesFile(file, { maxIssues });
  printIssues(report.issues);
  if (report.issueCount > report.issues.length) {
    process.stderr.write(`... and ${report.issueCount - report.issues.length} more (${report.issueCount} in all)\n`);
  }
  if (report.errorCount > 0) {
    process.stderr.write(`${file}: ${report.errorCount} error(s) in ${report.rowCount} rows\n`);
    return EXIT.badInput;
  }
  const warnings = report.issueCount - report.errorCount;
  process.stdout.write(`${file}: ${report.rowCount} sites, valid${warnings > 0 ? ` (${warnings} warning(s))` : ""}\n`);
  return EXIT.ok;
}

export function registerValidate(program: Command, act: (fn: () => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("validate <file>")
    .description("check a sites CSV and print every problem with its line and column")
    .option("--max-issues <n>", "how many issues to print", positiveInteger, 100)
    .action((file: string, opts: { maxIssues: number }) => act(() => validateCommand(file, opts.maxIssues)));
}
