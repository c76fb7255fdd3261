import { describe, expectTypeOf, it } from "vitest";
import {
  diffOutcomes,
  editSites,
  loadSites,
  optimize,
  readRun,
  runFromFiles,
  runScenario,
  writeRun,
  type FileRunResult,
  type InputIssue,
  type Loaded,
  type OptimizeResult,
  type OutcomeDelta,
  type RunOutcome,
  type RunRecord,
  type Plan,
  type ObjectivePart,
  type SiteId,
  type SiteTable,
  type WriteOutcome,
} from "../../src/index.ts";

// Checked by `tsc` (test/ is in tsconfig); vitest runs the bodies as no-ops.
describe("API types", () => {
  it("every expected outcome is a discriminated value", () => {
    expectTypeOf<FileRunResult["status"]>().toEqualTypeOf<"invalid" | "ran">();
    expectTypeOf<OptimizeResult["status"]>().toEqualTypeOf<"optimal" | "time_limit" | "no_solution" | "infeasible">();
    expectTypeOf<WriteOutcome["status"]>().toEqualTypeOf<"written" | "refused" | "failed">();
    expectTypeOf<Loaded<SiteTable>["ok"]>().toEqualTypeOf<boolean>();
  });

  it("narrowing on status gives the fields of that outcome", () => {
    expectTypeOf<Extract<FileRunResult, { status: "invalid" }>["issues"]>().toEqualTypeOf<readonly InputIssue[]>();
    expectTypeOf<Extract<FileRunResult, { status: "ran" }>["outcome"]>().toEqualTypeOf<RunOutcome>();
    expectTypeOf<Extract<OptimizeResult, { status: "optimal" }>["selected"]>().toEqualTypeOf<readonly SiteId[]>();
    expectTypeOf<Extract<OptimizeResult, { status: "optimal" }>["plan"]>().toEqualTypeOf<Plan | null>();
    expectTypeOf<Extract<OptimizeResult, { status: "optimal" }>["objectiveParts"]>().toEqualTypeOf<readonly ObjectivePart[]>();
    expectTypeOf<Extract<OptimizeResult, { status: "infeasible" }>["reasons"]>().toEqualTypeOf<readonly string[]>();
    // A selection is only there once the status says so.
    expectTypeOf<OptimizeResult>().not.toHaveProperty("selected");
    expectTypeOf<FileRunResult>().not.toHaveProperty("outcome");
  });

  it("functions take and return the documented types", () => {
    expectTypeOf(runFromFiles).returns.resolves.toEqualTypeOf<FileRunResult>();
    expectTypeOf(runScenario).returns.resolves.toEqualTypeOf<RunOutcome>();
    expectTypeOf(optimize).returns.resolves.toEqualTypeOf<OptimizeResult>();
    expectTypeOf(loadSites).returns.resolves.toEqualTypeOf<Loaded<SiteTable>>();
    expectTypeOf(editSites).parameter(0).toEqualTypeOf<SiteTable>();
    expectTypeOf(editSites).returns.toEqualTypeOf<SiteTable>();
    expectTypeOf(writeRun).returns.resolves.toEqualTypeOf<WriteOutcome>();
    expectTypeOf(readRun).returns.resolves.toEqualTypeOf<Loaded<RunRecord>>();
    expectTypeOf(diffOutcomes).parameters.toEqualTypeOf<[RunOutcome, RunOutcome]>();
    expectTypeOf(diffOutcomes).returns.toEqualTypeOf<OutcomeDelta>();
  });

  it("results are read-only", () => {
    expectTypeOf<RunOutcome["ranked"]>().toMatchTypeOf<readonly unknown[]>();
    expectTypeOf<RunOutcome["ranked"]>().not.toMatchTypeOf<unknown[]>();
    expectTypeOf<SiteTable["sites"]>().not.toMatchTypeOf<unknown[]>();
    expectTypeOf<OutcomeDelta["entered"]>().not.toMatchTypeOf<unknown[]>();
  });
});
