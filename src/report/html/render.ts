/**
 * The offline HTML report: one self-contained file (inline CSS and SVG, no script, font, image
 * or tile from anywhere) that opens in any browser, prints cleanly and reads without
 * JavaScript. A pure function of the run outcome: identical inputs give identical bytes.
 */
import { budgetUsedBn, solvedResult, type RunOutcome } from "../../pipeline/run.ts";
import { duration, money, pct } from "../../core/format.ts";
import { escapeHtml } from "./escape.ts";
import { fixed } from "./format.ts";
import { renderFrontier, type FrontierPoint } from "./frontierChart.ts";
import { renderGantt } from "./gantt.ts";
import { renderMap } from "./map.ts";
import { renderRisk } from "./riskChart.ts";
import { selectedRows } from "./selection.ts";
import { REPORT_CSS } from "./style.ts";
import { scrollBox } from "./scrollBox.ts";
import { funnelTable, runnersUpTable, selectionTable, type RunnerUpRow } from "./tables.ts";
import { objectiveBreakdown, objectiveName } from "../objective.ts";
import { cashHighlights, milestoneGw, runPlan } from "../plan.ts";
import { cashRuleSentence } from "../planText.ts";

export interface ReportExtras {
  /** Budget levels re-solved (analysis/frontier.ts); empty to leave the chart out. */
  readonly frontier: readonly FrontierPoint[];
  /** The input paths as the user gave them, shown in the header. */
  readonly generatedFor: { readonly sitesFile: string; readonly modelFile: string };
  /** The runners-up table's rows, best first (analysis/runnersUp.ts decides why each is out). */
  readonly runnersUp: readonly RunnerUpRow[];
}

/** Blocks every fetch, even if something slipped past the escaping: the file must stay offline. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** White labels sit on these, so each keeps a contrast of 4.5:1 or more against white. */
const PILLAR_COLORS = ["#3b528b", "#1a7a76", "#b45309", "#7c3aed", "#be185d", "#0f766e"];

/**
 * The whole report as one HTML string.
 * @example renderReportHtml(outcome, { frontier: await computeFrontier(outcome), runnersUp: runnersUp(outcome, 25), generatedFor: { sitesFile: "data/sites.csv", modelFile: "models/baseline.json" } })
 */
export function renderReportHtml(outcome: RunOutcome, extras: ReportExtras): string {
  const rows = selectedRows(outcome);
  const map = renderMap(outcome, rows);
  const name = escapeHtml(outcome.model.name);
  const mapCaption =
    map.projection === "albers-usa"
      ? "Albers USA projection."
      : `Equal Earth projection fitted to the sites: ${map.outsideUs} site${map.outsideUs === 1 ? " lies" : "s lie"} outside the US map.`;
  const scheduled = rows.some((r) => r.planned !== null);
  const risk = renderRisk(outcome);
  const body = [
    header(outcome, extras),
    `<nav><a href="#map">Map</a><a href="#selection">Selection</a><a href="#schedule">Plan</a>${risk === null ? "" : `<a href="#risk">Delay risk</a>`}<a href="#tradeoff">Trade-off</a><a href="#runners-up">Runners-up</a><a href="#funnel">Screening</a></nav>`,
    section(
      "map",
      "Map",
      `<figure>${scrollBox(map.svg, "chart")}<figcaption>${fixed(outcome.table.sites.length, 0)} sites: ${fixed(outcome.ranked.length, 0)} screened in (coloured by overall score), ` +
        `${fixed(outcome.screen.excluded.length, 0)} screened out (grey), ${rows.length} selected (numbered by ${scheduled ? "slot" : "rank"}). ` +
        `Rings: the ${fixed(outcome.problem.minSpacingKm, 0)} km minimum spacing. ${escapeHtml(mapCaption)}</figcaption></figure>`,
    ),
    section("selection", "Selection", selectionTable(outcome, rows)),
    section(
      "schedule",
      "Plan: builds, go-live dates and cash",
      `<p class="note">Each row is a slot: slot k is the k-th site to go live. The grey bar is the build, from construction start to the planned go-live ` +
        `(filled diamond, labelled with the tranche it releases); capex is drawn over it. The hollow diamond is the site's readiness (earliest go-live); ` +
        `an amber band marks the months the plan holds it back. Dashed lines are the milestones; the orange tick on row k is milestone k, which slot k must be live by. ` +
        `Below, from the same monthly ledger as cashflow.csv: capex drawn so far against equity plus the tranches released so far.</p>` +
        (planFacts(outcome) ?? "") +
        renderGantt(outcome, rows),
      "chart",
    ),
    ...(risk === null ? [] : [section("risk", "Delay risk: how likely each milestone is", risk, "chart")]),
    section(
      "tradeoff",
      "Trade-off: budget",
      (extras.frontier.length > 0
        ? `<p class="note">The same problem re-solved at other budgets (each with a short time limit); the large marker is this run. Open markers: the time limit stopped that level, best selection found shown. Red rings on the axis: no selection (infeasible, or none found in time).</p>`
        : "") + renderFrontier(extras.frontier, outcome.problem.objective),
      "chart",
    ),
    section("runners-up", "Runners-up: the best sites left out, and why", runnersUpTable(outcome, extras.runnersUp)),
    section("funnel", "Screening funnel", funnelTable(outcome, rows.length)),
    `<footer>Generated by gigasite for model <strong>${name}</strong> from ${escapeHtml(extras.generatedFor.sitesFile)} and ` +
      `${escapeHtml(extras.generatedFor.modelFile)}. Self-contained: no scripts, fonts, images or map tiles are loaded from anywhere.</footer>`,
  ];
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>gigasite report: ${name}</title>`,
    `<style>${REPORT_CSS}</style></head>`,
    `<body><main>`,
    body.join("\n"),
    `</main></body></html>`,
    "",
  ].join("\n");
}

/** The cash rule in words and GW live by each milestone, above the charts. */
function planFacts(outcome: RunOutcome): string | null {
  const dated = runPlan(outcome);
  if (dated === null) return null;
  const gw = outcome.problem.gwPerSite;
  // One wrapping item a milestone, so the strip fits any width and the last milestone is never cut off.
  const items = dated.plan.milestones.map((m) => {
    const g = milestoneGw(m, gw);
    return (
      `<li class="milestone${g.met ? "" : " bad"}"><span class="m">M${m.index}</span>${escapeHtml(m.date)}` +
      `<span class="gw">${escapeHtml(`${fixed(g.gwLive, 0)} / ${fixed(g.gwRequired, 0)} GW`)}${g.met ? "" : " (missed)"}</span></li>`
    );
  });
  return (
    `<p class="note">${escapeHtml(cashRuleSentence(outcome) ?? "")}</p>` +
    `<p class="note">GW live by each milestone (live / required):</p><ol class="milestone-strip">${items.join("")}</ol>`
  );
}

function section(id: string, title: string, content: string, cls = ""): string {
  return `<section id="${id}"${cls ? ` class="${cls}"` : ""}><h2>${escapeHtml(title)}</h2>${content}</section>`;
}

function fact(label: string, value: string, sub = "", cls = ""): string {
  return (
    `<div class="fact${cls ? ` ${cls}` : ""}"><span class="label">${escapeHtml(label)}</span><span class="value">${escapeHtml(value)}</span>` +
    `${sub ? `<span class="sub">${escapeHtml(sub)}</span>` : ""}</div>`
  );
}

function header(outcome: RunOutcome, extras: ReportExtras): string {
  const { model, result, verification, problem } = outcome;
  const minCost = problem.objective.kind === "minCost";
  const facts: string[] = [fact("Status", result.status.replace("_", " "), `${result.stats.solver}`, `status-${result.status}`)];
  const solved = solvedResult(outcome);
  if (solved !== null) {
    const capexBn = budgetUsedBn(outcome) ?? 0;
    const parts = solved.objectiveParts.length > 1 ? objectiveBreakdown(solved.objectiveParts, minCost ? 2 : 1, false) : objectiveName(problem.objective);
    facts.push(
      fact("Objective", minCost ? `${money(solved.objective, 2)}/yr` : fixed(solved.objective, 1), parts),
      solved.secondStage !== undefined && solved.status === "optimal"
        ? // Two stages: the bound is the best score, and the gap the score given for earlier GW.
          fact("Best score", fixed(solved.bound, 1), `${pct(solved.gap)} given for ${fixed(solved.secondStage.gwMonths, 0)} GW-months`)
        : fact("Bound · gap", minCost ? `${money(solved.bound, 2)}/yr` : fixed(solved.bound, 1), `gap ${pct(solved.gap)}`),
      fact("Budget used", money(capexBn), `of ${money(problem.budgetBn)} (${pct(problem.budgetBn > 0 ? capexBn / problem.budgetBn : 0)})`),
    );
    const dated = runPlan(outcome);
    if (dated !== null) {
      const c = cashHighlights(dated.timeline, dated.plan.ledger);
      facts.push(
        fact("Peak equity", money(c.peakEquityBn), `needed in ${c.peakEquityMonth}`),
        fact("Tightest month", c.tightestMonth, `headroom ${money(c.minHeadroomBn)}`, c.minHeadroomBn < -1e-6 ? "failed" : ""),
      );
    }
  } else if (result.status === "no_solution" && result.bound !== null) {
    facts.push(fact("Bound", fixed(result.bound, 1), "no selection found"));
  }
  facts.push(fact("Solve time", duration(result.stats.solveMs), `${fixed(result.stats.candidates, 0)} candidates`));
  if (verification) {
    facts.push(
      fact(
        "Verification",
        verification.ok ? "passed" : "FAILED",
        verification.ok
          ? `${verification.binding.length} binding constraint${verification.binding.length === 1 ? "" : "s"}`
          : `${verification.violations.length} violations`,
        verification.ok ? "ok" : "failed",
      ),
    );
  } else {
    facts.push(fact("Verification", "not run", "no selection to check"));
  }
  facts.push(fact("Sites", `${fixed(outcome.ranked.length, 0)} of ${fixed(outcome.table.sites.length, 0)}`, "screened in"));

  const weights = Object.entries(outcome.weights.pillars)
    .map(([pillar, share], i) => {
      const color = PILLAR_COLORS[i % PILLAR_COLORS.length] ?? "#3b528b";
      // Width and colour are computed numbers, never user text; the label is escaped.
      return `<span style="width:${fixed(share * 100, 2)}%;background:${color}" title="${escapeHtml(`${pillar} ${pct(share)}`)}">${escapeHtml(`${pillar} ${fixed(share * 100, 0)}%`)}</span>`;
    })
    .join("");
  const details: string[] = [];
  if (result.status === "infeasible") {
    details.push(`<p><strong>No feasible selection.</strong></p><ul class="reasons">${result.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>`);
    if (result.leastEquityBn !== undefined && result.leastEquityBn !== null)
      details.push(`<p class="note">The least equity for which a plan exists: ${escapeHtml(money(result.leastEquityBn))}.</p>`);
  }
  if (result.status === "no_solution") details.push(`<ul class="reasons"><li>${escapeHtml(result.message)}</li></ul>`);
  if (verification && !verification.ok) details.push(`<ul class="reasons">${verification.violations.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`);
  if (verification && verification.binding.length > 0) details.push(`<p class="note">Binding: ${verification.binding.map(escapeHtml).join("; ")}.</p>`);

  return [
    `<header><h1>gigasite report: ${escapeHtml(model.name)}</h1>`,
    model.description ? `<p class="lede">${escapeHtml(model.description)}</p>` : "",
    `<p class="inputs">Sites: ${escapeHtml(extras.generatedFor.sitesFile)} (sha256 ${escapeHtml(outcome.table.sha256.slice(0, 12))}…) · Model: ${escapeHtml(extras.generatedFor.modelFile)}</p>`,
    `<div class="facts">${facts.join("")}</div>`,
    details.join(""),
    `<p class="note">Pillar weights (normalized shares of the overall score):</p><div class="weights">${weights}</div>`,
    `</header>`,
  ].join("\n");
}
