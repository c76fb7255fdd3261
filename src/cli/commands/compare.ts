import { pc } from "../colors.ts";
import {
  compareMarkdown,
  compareRuns,
  comparisonJson,
  comparisonSections,
  DEFAULT_MAX_SOLVES,
  lastTwo,
  locateRun,
  readRun,
  writeOutputs,
  type Comparison,
  type EditCauses,
  type InputIssue,
  type RunRecord,
} from "../../index.ts";
import { causesOffThread } from "../computeThread.ts";
import { CliFailure, ensureWritten, EXIT, type ExitCode } from "../exitCodes.ts";
import { printJson } from "../jsonOutput.ts";
import { progressWanted, statusLine } from "../progress.ts";
import { sectionsText } from "../compareText.ts";
import { invocation } from "../invocation.ts";
import { printIssues } from "../terminal.ts";

export interface CompareOptions {
  readonly top: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly force?: boolean;
  /** Compare the latest two runs of one model (its `previous/` and itself). */
  readonly last?: boolean;
  /** Re-solves spent on establishing causes (0 = none). */
  readonly maxSolves?: number;
}

/** The terminal view: the sections of compare.md, in its order. */
export function renderComparison(c: Comparison, causes: EditCauses | null = null): string {
  return [pc.bold(`compare ${c.a.model} (${c.a.dir}) → ${c.b.model} (${c.b.dir})`), sectionsText(comparisonSections(c, causes))].join("\n");
}

async function folders(args: readonly string[], last: boolean): Promise<{ ok: true; a: string; b: string } | { ok: false; issues: InputIssue[] }> {
  if (last) {
    const pair = await lastTwo(args[0] ?? "out");
    return pair.ok ? pair : { ok: false, issues: [pair.issue] };
  }
  const [a, b] = await Promise.all(args.map(locateRun));
  const issues = [a, b].flatMap((l) => (l === undefined || l.ok ? [] : [l.issue]));
  if (issues.length > 0 || !a?.ok || !b?.ok) return { ok: false, issues };
  return { ok: true, a: a.dir, b: b.dir };
}

/** Longest re-solve line written when stderr is not a terminal. */
const PROGRESS_LINE_MAX = 200;

/**
 * Re-solves with edits reverted, in the compute thread (Ctrl-C ends them at once): a status line
 * on a terminal, else one line per re-solve on stderr (a long compare is never silent).
 */
export async function causesOf(a: RunRecord, b: RunRecord, comparison: Comparison, maxSolves = DEFAULT_MAX_SOLVES): Promise<EditCauses> {
  const status = statusLine();
  const onTerminal = progressWanted();
  try {
    return await causesOffThread(a, b, comparison, maxSolves, (done, labels) => {
      const text = `causes: re-solve ${done + 1} (at most ${maxSolves}) with ${labels.join(" + ")} reverted`;
      if (onTerminal) status.set(`${text}…`);
      else process.stderr.write(`${text.length > PROGRESS_LINE_MAX ? `${text.slice(0, PROGRESS_LINE_MAX - 1)}…` : text}\n`);
    });
  } finally {
    status.clear();
  }
}

/** `gigasite compare A B` / `compare --last [DIR]`: reads two run folders, prints (or writes) what changed and why. */
export async function compareCommand(args: readonly string[], options: CompareOptions): Promise<ExitCode> {
  const last = options.last ?? false;
  if ((last && args.length > 1) || (!last && args.length !== 2)) {
    throw new CliFailure(
      `${last ? "compare --last takes at most one folder (a run folder or an --out folder)" : "compare takes two run folders (or --last)"}; see ${invocation()} compare --help`,
      EXIT.badInput,
    );
  }
  const pair = await folders(args, last);
  if (!pair.ok) {
    printIssues(pair.issues);
    return EXIT.badInput;
  }
  const [a, b] = await Promise.all([readRun(pair.a), readRun(pair.b)]);
  if (!a.ok || !b.ok) {
    printIssues([...(a.ok ? [] : a.issues), ...(b.ok ? [] : b.issues)]);
    return EXIT.badInput;
  }
  const comparison = compareRuns(a.value, b.value, { topN: options.top });
  const causes = await causesOf(a.value, b.value, comparison, options.maxSolves ?? DEFAULT_MAX_SOLVES);
  const json = `${JSON.stringify(comparisonJson(comparison, causes), null, 2)}\n`;
  if (options.out) {
    const files = new Map([
      ["compare.md", compareMarkdown(comparison, causes)],
      ["compare.json", json],
    ]);
    ensureWritten(await writeOutputs(options.out, files, { force: options.force ?? false }));
  }
  if (options.json) printJson(json);
  else process.stdout.write(`${renderComparison(comparison, causes)}\n${options.out ? `outputs: ${options.out}\n` : ""}`);
  return EXIT.ok;
}
