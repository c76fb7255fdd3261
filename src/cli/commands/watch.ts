/**
 * `gigasite run --watch`: re-run when the sites CSV or the model file is saved, and say what
 * changed since the previous good run. The folders are watched rather than the files because
 * spreadsheets and many editors save by writing a temporary file and renaming it over the
 * original, which would silently end a watch on the old file.
 */
import { createHash } from "node:crypto";
import { watch as watchFolder, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pc } from "../colors.ts";
import {
  causesSection,
  cleanText,
  compareRuns,
  describeOutcomeDelta,
  diffOutcomes,
  duration,
  inputSection,
  loadRunInputs,
  outputFolder,
  PREVIOUS_FOLDER,
  readRun,
  writeRun,
  type RunInputs,
  type RunOutcome,
} from "../../index.ts";
import { ComputeStopped, solveOffThread, stopComputing, warmComputeThread } from "../computeThread.ts";
import { causesOf } from "./compare.ts";
import type { RunOptions } from "./run.ts";
import { problemOptionsOf } from "../solveOptions.ts";
import { CliFailure, EXIT, type ExitCode } from "../exitCodes.ts";
import { takeOverInterrupts } from "../interrupt.ts";
import { STDIN_ARG } from "../stdin.ts";
import { sectionsText } from "../compareText.ts";
import { printIssues, renderRunForTerminal } from "../terminal.ts";
import { terminalWidth } from "../table.ts";

/** The `run` options watch mode uses; `debounce` is the quiet time after the last save, ms. */
export type WatchOptions = Pick<RunOptions, "sites" | "model" | "out" | "force" | "solver" | "timeLimit" | "debounce" | "quiet" | "allWarnings">;

/** Default quiet time: long enough to swallow a spreadsheet's burst of saves, short enough to feel instant. */
export const DEFAULT_DEBOUNCE_MS = 150;

/**
 * Calls `fire` once, `waitMs` after the last of a burst of `poke`s; a storm of events is one call.
 * @example const d = debouncer(150, () => rerun()); d.poke(); d.poke(); // rerun() once, 150 ms after the second poke
 */
export function debouncer(waitMs: number, fire: () => void): { poke: () => void; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    poke: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fire();
      }, waitMs);
    },
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The input changes and their causes between `dir/previous/` and `dir`, as lines. */
async function whatTheEditsDid(dir: string): Promise<string[]> {
  const [a, b] = await Promise.all([readRun(join(dir, PREVIOUS_FOLDER)), readRun(dir)]);
  if (!a.ok || !b.ok) return [pc.dim("(the input changes could not be read back from the outputs)")];
  const comparison = compareRuns(a.value, b.value);
  const causes = await causesOf(a.value, b.value, comparison);
  return [sectionsText([inputSection(comparison), causesSection(causes)])];
}

/** Fingerprint of both inputs' bytes; a save that changes nothing must not cost a run. */
async function fingerprint(paths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const path of paths) {
    const bytes = await readFile(path).catch(() => null);
    hash.update(bytes === null ? "(missing)" : bytes).update("\0");
  }
  return hash.digest("hex");
}

const clock = (): string => new Date().toTimeString().slice(0, 8);

/**
 * Runs once, then watches the two input files until Ctrl-C (exit code 0). A save that does not
 * parse prints its issues and keeps the last good result and outputs on disk.
 * @example process.exitCode = await watchCommand({ sites: "data/sites.csv", model: "models/baseline.json", out: "out" });
 */
export async function watchCommand(options: WatchOptions): Promise<ExitCode> {
  if (options.debounce !== undefined && !(options.debounce >= 0))
    throw new CliFailure(`--debounce takes milliseconds >= 0, found ${String(options.debounce)}`, EXIT.badInput);
  if (options.sites === STDIN_ARG) throw new CliFailure("--watch needs a sites file to watch, not standard input (--sites -)", EXIT.badInput);
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const paths = [options.sites, options.model];
  const solveOptions = problemOptionsOf(options);
  let runNumber = 0;
  let lastGood: { readonly run: number; readonly outcome: RunOutcome } | null = null;
  let lastFingerprint: string | null = null;
  const changed = new Set<string>();

  async function runOnce(): Promise<void> {
    const t0 = performance.now();
    const print = await fingerprint(paths);
    if (print === lastFingerprint) {
      changed.clear();
      return;
    }
    lastFingerprint = print;
    runNumber += 1;
    const why = changed.size === 0 ? "start" : `${[...changed].sort().join(", ")} changed`;
    changed.clear();
    out(pc.bold(`── run ${runNumber} at ${clock()} (${why}) ──`));
    const loaded = await loadRunInputs(options.sites, options.model);
    if (!loaded.ok) {
      printIssues(loaded.issues, options);
      const keep = lastGood === null ? "no good result yet" : `keeping the result of run ${lastGood.run}`;
      out(pc.red(`run ${runNumber}: the inputs have errors (${loaded.issues.filter((i) => i.severity === "error").length}); ${keep}. Fix and save again.`));
      return;
    }
    const loadMs = performance.now() - t0;
    const { table, modelSha256, warnings } = loaded.value;
    printIssues(warnings, { ...options, fullListIn: "run.json" });
    const { outcome } = await solveOffThread(loaded.value, solveOptions);
    const inputs: RunInputs = { sitesFile: options.sites, sitesSha256: table.sha256, modelFile: options.model, modelSha256, warnings };
    const run = { outcome, inputs, loadMs };
    // The answer first: writing the output files should not delay what the user is waiting for.
    out(renderRunForTerminal(run.outcome, { outDir: null, width: terminalWidth() }));
    if (lastGood !== null) {
      out(pc.bold(`changes since run ${lastGood.run}:`));
      for (const line of describeOutcomeDelta(diffOutcomes(lastGood.outcome, run.outcome))) out(`  ${line}`);
    }
    const previousRun = lastGood?.run ?? null;
    lastGood = { run: runNumber, outcome: run.outcome };
    const shownMs = performance.now() - t0;
    const dir = outputFolder(options.out, run.outcome.model.name);
    const written = await writeRun(run.outcome, dir, { inputs: run.inputs, loadMs: run.loadMs, force: options.force ?? false, keepPrevious: true });
    if (written.status !== "written") process.stderr.write(`${pc.red("error:")} ${cleanText(written.message)}\n`);
    else {
      out(`outputs: ${dir}`);
      // The run just replaced is in previous/: the same input diff and causes as `compare --last`.
      if (previousRun !== null) for (const line of await whatTheEditsDid(dir)) out(line);
    }
    const t = run.outcome.timingsMs;
    const stages = t.screen + t.score + t.solve + t.verify;
    const otherMs = shownMs - run.loadMs - stages;
    const outputsMs = performance.now() - t0 - shownMs;
    out(
      pc.dim(
        `run ${runNumber} took ${duration(shownMs)} to show: load ${duration(run.loadMs)}, screen+score ${duration(t.screen + t.score)}, solve ${duration(t.solve)}, other ${duration(otherMs)}; outputs written in ${duration(outputsMs)}`,
      ),
    );
  }

  let stopRequested = false;
  // One run at a time; events during a run ask for exactly one more run after it.
  let running: Promise<void> | null = null;
  let again = false;
  const trigger = (): Promise<void> => {
    if (running !== null) {
      again = true;
      return running;
    }
    const current = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !stopRequested);
    })().finally(() => {
      running = null;
    });
    running = current;
    return current;
  };

  // Ctrl-C or SIGTERM stops watching and exits 0, also during the first run (a second one exits at once).
  let stopWatching: (() => void) | null = null;
  const giveBack = takeOverInterrupts(() => {
    stopRequested = true;
    // A solve in progress is abandoned: its run prints nothing and writes nothing.
    void stopComputing();
    stopWatching?.();
  });
  warmComputeThread();
  await trigger().catch((error: unknown) => {
    if (!(error instanceof ComputeStopped)) throw error;
  });
  if (stopRequested) {
    giveBack();
    out(pc.dim("stopped watching"));
    return EXIT.ok;
  }

  // A bug in a later run is reported and the watch goes on: the last good outputs stay on disk.
  const reportBug = (error: unknown): void =>
    error instanceof ComputeStopped
      ? undefined
      : void process.stderr.write(`${pc.red("internal error: this is a bug in gigasite.")} ${error instanceof Error ? error.message : String(error)}\n`);
  const debounce = debouncer(options.debounce ?? DEFAULT_DEBOUNCE_MS, () => void trigger().catch(reportBug));
  const byFolder = new Map<string, Map<string, string>>();
  for (const path of paths) {
    const folder = dirname(resolve(path));
    const names = byFolder.get(folder) ?? new Map<string, string>();
    names.set(basename(path), path);
    byFolder.set(folder, names);
  }
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    const watcher = watchFolder(folder, (_event, filename) => {
      // No name (rare, platform-dependent): it may be ours, so re-check; the fingerprint skips no-ops.
      const path = filename === null ? undefined : names.get(filename.toString());
      if (filename !== null && path === undefined) return;
      if (path !== undefined) changed.add(path);
      debounce.poke();
    });
    watcher.on("error", (error) => process.stderr.write(`${pc.red("watch error:")} ${error.message}\n`));
    watchers.push(watcher);
  }
  out(pc.dim(`watching ${paths.join(" and ")} for changes (Ctrl-C to stop)`));

  return new Promise<ExitCode>((done) => {
    stopWatching = (): void => {
      giveBack();
      debounce.cancel();
      for (const watcher of watchers) watcher.close();
      const finish = (): void => {
        out(pc.dim("stopped watching"));
        done(EXIT.ok);
      };
      if (running === null) finish();
      else void running.then(finish, finish);
    };
  });
}
