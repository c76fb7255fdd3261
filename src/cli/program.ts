/**
 * Every command, its options and its help, with nothing heavy loaded: a command's code (and the
 * solver, turf, the report) is imported only when that command runs, so `--help`, `--version`
 * and option errors answer at once.
 */
import { createRequire } from "node:module";
import { Command, Option } from "commander";
import type { ExitCode } from "./exitCodes.ts";
import { invocation } from "./invocation.ts";
import {
  addSolveOptions,
  addWarningOptions,
  forceOption,
  strictOption,
  fraction,
  fractionBelowOne,
  jsonOption,
  nonNegativeInteger,
  sampleCount,
  seedNumber,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  sitesOption,
  solverOption,
  timeLimitOption,
  modelOption,
} from "./options.ts";

/** Runs a command body and turns its outcome (or failure) into the exit code. */
export type Act = (fn: () => Promise<ExitCode>) => Promise<void>;

/** The version in package.json (two folders up from both src/cli and dist/cli). */
export function gigasiteVersion(): string {
  return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
}

function defineRun(program: Command, act: Act): void {
  const command = program
    .command("run")
    .description("screen, score and optimize the sites under a model; write the outputs")
    .addOption(sitesOption())
    .addOption(modelOption())
    .option("--out <dir>", "output folder (a sub-folder per model is written)", "out")
    .addOption(forceOption())
    .addOption(solverOption())
    .addOption(timeLimitOption("time limit of the whole run in seconds: solve and report"))
    .option("--no-report", "do not write report.html")
    .option(
      "--frontier <levels>",
      "budget levels re-solved for the report's trade-off chart (0 = none; default 10, or 0 above 3,000 screened-in candidates)",
      nonNegativeInteger,
    )
    .addOption(strictOption())
    .option("--export-lp <file>", "also write every model the run solved, in CPLEX LP format, variables named after sites and months")
    .addOption(jsonOption("print run.json to stdout instead of the table"))
    .option("--watch", "re-run whenever the sites CSV or the model file is saved, and print what changed (Ctrl-C to stop)")
    .option("--debounce <ms>", "with --watch: quiet time after the last save before re-running (default 150)", nonNegativeInteger);
  addWarningOptions(command, "run.json").action(async (opts) => {
    await act(async () => {
      if (opts.watch) return (await import("./commands/watch.ts")).watchCommand(opts);
      return (await import("./commands/run.ts")).runCommand(opts);
    });
  });
}

function defineValidate(program: Command, act: Act): void {
  const command = program
    .command("validate <file>")
    .description("check a sites CSV or a model file and print every problem with its line and column")
    .addOption(new Option("--sites <file>", "with a model file: also check the model against this sites CSV"))
    .option("--max-issues <n>", "how many issues to print", positiveInteger, 100)
    .addOption(strictOption())
    .addOption(jsonOption("print the result and every issue as JSON"));
  addWarningOptions(command).action(async (file: string, opts) => {
    await act(async () => (await import("./commands/validate.ts")).validateCommand(file, opts));
  });
}

function defineCompare(program: Command, act: Act): void {
  program
    .command("compare")
    .description(
      "compare two output folders of `gigasite run`: the edited inputs, what entered and left and which edits caused it (re-solved), totals, plan and rank changes",
    )
    .argument(
      "[runs...]",
      "reference run folder and new run folder (e.g. out/baseline out/speed-first); with --last, one run folder or --out folder (default out)",
    )
    .option("--last", "compare the latest two runs of one model: its previous/ run and itself")
    .option("--max-solves <n>", "re-solves spent on establishing why sites entered or left (0 = none)", nonNegativeInteger, 12)
    .option("--top <n>", "report rank moves among the top N sites", positiveInteger, 25)
    .option("--out <dir>", "also write compare.md and compare.json into this folder")
    .addOption(jsonOption("print compare.json to stdout instead of the table"))
    .addOption(forceOption())
    .action(async (runs: string[], opts) => {
      await act(async () => (await import("./commands/compare.ts")).compareCommand(runs, opts));
    });
}

function defineSweep(program: Command, act: Act): void {
  const command = program
    .command("sweep")
    .description("run one sites CSV under several models: one table, the robust core and single-model sites")
    .argument("<models...>", "model files, e.g. models/*.json")
    .addOption(sitesOption())
    .addOption(solverOption())
    .addOption(timeLimitOption("solver time limit per model, seconds"))
    .option("--out <dir>", "output folder: writes <dir>/sweep/sweep.csv and sweep_sites.csv", "out")
    .addOption(forceOption())
    .addOption(jsonOption("print the sweep as JSON"));
  addWarningOptions(command).action(async (models: string[], opts) => {
    await act(async () => (await import("./commands/sweep.ts")).sweepCommand(models, opts));
  });
}

function defineSensitivity(program: Command, act: Act): void {
  const command = addSolveOptions(
    program.command("sensitivity").description("perturb the criterion weights, re-solve each sample, report how often each site is chosen"),
  )
    .option("--samples <n>", "number of weight samples", positiveInteger, 200)
    .addOption(
      new Option("--spread <fraction>", "uniform perturbation of each criterion weight, e.g. 20% or 0.2").argParser(fractionBelowOne).default(0.2, "20%"),
    )
    .option("--dirichlet <concentration>", "draw weights from Dirichlet(concentration × model weights) instead, e.g. 200", positiveNumber)
    .option("--seed <n>", "seed of the weight draws (0..4294967295)", seedNumber, 1)
    .option("--workers <n>", "worker threads besides the main one, which solves too (default: cores − 1)", nonNegativeInteger)
    .option("--out <dir>", "output folder: writes <dir>/<model>/sensitivity.csv", "out")
    .option("--top <n>", "sites shown in the terminal table", positiveInteger, 25)
    .addOption(forceOption())
    .addOption(jsonOption("print the summary as JSON instead of the table"));
  addWarningOptions(command).action(async (opts) => {
    await act(async () => (await import("./commands/sensitivity.ts")).sensitivityCommand(opts));
  });
}

function defineRisk(program: Command, act: Act): void {
  const command = addSolveOptions(
    program
      .command("risk")
      .description(
        "delay risk of the plan: sample permitting, power and build times, report P(each milestone met), GW-months, cash shortfalls and critical sites",
      ),
  )
    .option("--samples <n>", "number of samples, 1..1,000,000 (default: the model's risk.samples, else 10,000)", sampleCount)
    .option("--seed <n>", "seed of the samples, 0..4294967295 (default: the model's risk.seed, else 1)", seedNumber)
    .option("--workers <n>", "worker threads besides the main one, which samples too; the answer is the same for any number (default 1)", nonNegativeInteger)
    .option("--out <dir>", "output folder: writes <dir>/<model>/risk.csv", "out")
    .addOption(forceOption())
    .addOption(jsonOption("print the evaluation as JSON instead of the tables"));
  addWarningOptions(command).action(async (opts) => {
    await act(async () => (await import("./commands/risk.ts")).riskCommand(opts));
  });
}

function defineAlternatives(program: Command, act: Act): void {
  const command = addSolveOptions(program.command("alternatives").description("the k best distinct selections (near-optimal options), with what each swaps"))
    .option("--k <n>", "number of selections", positiveInteger, 5)
    .option("--within <fraction>", "keep only selections within this much of the best objective, e.g. 2%", fraction)
    .option("--out <dir>", "output folder: writes <dir>/<model>/alternatives.csv", "out")
    .addOption(forceOption())
    .addOption(jsonOption("print the selections as JSON"));
  addWarningOptions(command).action(async (opts) => {
    await act(async () => (await import("./commands/alternatives.ts")).alternativesCommand(opts));
  });
}

function defineExplain(program: Command, act: Act): void {
  const command = addSolveOptions(
    program
      .command("explain")
      .description("why a site is in or out: score breakdown, binding rule, cost of forcing the opposite")
      .argument("<siteId>", "site_id from the CSV"),
  ).addOption(jsonOption("print the explanation as JSON"));
  addWarningOptions(command).action(async (siteId: string, opts) => {
    await act(async () => (await import("./commands/explain.ts")).explainCommand(siteId, opts));
  });
}

function defineImport(program: Command, act: Act): void {
  const command = program.command("import").description("turn a public list of real plants into a sites CSV");
  const gppd = command
    .command("gppd <file>")
    .description("WRI Global Power Plant Database CSV (global or per-country table) to candidate sites, one per plant")
    .option("--min-mw <mw>", "import plants with capacity_mw at or above this", nonNegativeNumber, 500)
    .option("--out <file>", "sites CSV to write; <name>.assumptions.json is written beside it", "sites.csv")
    .option("--assumptions <file>", "assumptions JSON (default: the bundled data/assumptions/gppd.json)")
    .option(
      "--eia860 <file>",
      "EIA-860 plant CSV (Schedule 2) to join US plants with on the plant code: balancing authority, regulation, grid voltage, water, gas",
    )
    .option("--force", "replace an existing file that is not an untouched previous import");
  addWarningOptions(gppd).action(async (file: string, opts) => {
    await act(async () => (await import("./commands/import.ts")).importGppdCommand(file, opts));
  });
}

/** Every command under its own name; an option error prints one line and "see node bin/gigasite.js <command> --help". */
function oneLineErrors(command: Command, path: string): void {
  command.showHelpAfterError(`see ${path} --help`);
  for (const sub of command.commands) oneLineErrors(sub, `${path} ${sub.name()}`);
}

/**
 * The whole command line. `act` runs a command's body; commander throws (exitOverride) on
 * `--help`, `--version` and option errors, and the caller maps those to exit codes.
 */
export function buildProgram(act: Act): Command {
  const started = invocation();
  const program = new Command()
    .name(started)
    .description("Screen, score and pick 1 GW data-centre sites with a MILP and a tranche-aware schedule.")
    .version(gigasiteVersion(), "-V, --version", "print the version")
    .option("--debug", "show internal details of unexpected errors")
    .exitOverride();
  for (const define of [defineRun, defineValidate, defineCompare, defineSweep, defineSensitivity, defineRisk, defineAlternatives, defineExplain, defineImport])
    define(program, act);
  program.addHelpText(
    "after",
    `\nRun a command: ${started} <command>${started === "node bin/gigasite.js" ? "" : " (from the repository root: node bin/gigasite.js)"}; nothing to install beyond npm ci\n` +
      `Every command's options: ${started} <command> --help`,
  );
  oneLineErrors(program, started);
  return program;
}
