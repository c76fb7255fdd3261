/**
 * The order of gigasite's stages: the one place it is written down. A file under `src/<stage>/`
 * may import files of its own stage and of earlier stages only, so the folders read as the
 * pipeline and no stage reaches forward into one that consumes it.
 *
 *   core      helpers every stage uses: issues, text, CSV cells, number formatting, limits
 *   geo       the sphere (great-circle distance) and US state boundaries
 *   sites     the sites CSV: schema, decoding, validation, a site's column values
 *   scenario  the model file: schema, rules, filters, the model-name rule
 *   schedule  dates, the calendar, readiness, capex draws, plans and their cash ledger
 *   finance   a site's financing terms combined into one annualized cost
 *   layers    GeoJSON layers: exclusions and derived columns
 *   screen    hard filters, locked-out sites, schedule reachability
 *   score     value functions, pillar and overall scores
 *   optimize  the MILP: formulate, solve, verify, diagnose
 *   risk      delay risk: uncertain dates sampled, a plan evaluated, robust scenarios
 *   pipeline  the stages strung together: runScenario, runFromFiles
 *   report    renders what it is given: tables, CSVs, GeoJSON, summary, run.json, HTML; never solves
 *   analysis  many solves around one run: frontier, runners-up, explain, sweep, sensitivity,
 *             alternatives, and what the HTML report needs computed before it renders
 *   output    writes output folders safely (atomic files, locks, owned folders)
 *   compare   run against run, read back from output folders
 *
 * Besides the line: `import/` (power-plant lists to a sites CSV) is a branch that may use the
 * stages in IMPORT_MAY_USE; `src/index.ts` is the library's public surface and may use every
 * stage; `cli/` is the shell and may use only `src/index.ts` and its own files.
 */
export const STAGES = [
  "core",
  "geo",
  "sites",
  "scenario",
  "schedule",
  "finance",
  "layers",
  "screen",
  "score",
  "optimize",
  "risk",
  "pipeline",
  "report",
  "analysis",
  "output",
  "compare",
] as const;

/** What the `import/` branch builds on. */
export const IMPORT_MAY_USE: readonly string[] = ["core", "geo", "sites", "output"];

/**
 * Earlier stages a stage may still not import. The report renders what the pipeline hands it and
 * never solves: it takes the optimizer's types through pipeline/run.ts, not from optimize/.
 */
export const MAY_NOT_USE: Readonly<Record<string, readonly string[]>> = { report: ["optimize"] };
