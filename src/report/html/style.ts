/**
 * The report's inline stylesheet: system fonts only (nothing fetched), SVG styling by class so
 * the markup stays small, and a print layout that keeps charts and table rows whole.
 *
 * Layout rules every part of the page follows (test/report-html/layout.test.ts measures them in
 * Chromium at 1,280, 1,440, 1,920 and 390 px): nothing is wider than its box; anything that can be
 * (every table, every chart on a phone) sits in a `.scroll` box (scrollBox.ts) whose edge shadows
 * say there is more to the side; no text renders under 10 px.
 */

/** The smallest font size inside the charts, in SVG units (of a 960-unit-wide chart). */
export const CHART_MIN_FONT_UNITS = 11;
/** Chart width in the SVG's own units (the map, the plan and every other chart). */
export const CHART_UNITS = 960;
/** The least width a chart is drawn at: its smallest text then renders at 10 px or more. */
export const CHART_MIN_WIDTH_PX = Math.ceil((CHART_UNITS * 10) / CHART_MIN_FONT_UNITS);

export const REPORT_CSS = `
:root { --ink: #1d2433; --muted: #5b6577; --line: #d8dde6; --band: #f4f6f9; --accent: #c2410c; --good: #15803d; --bad: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1320px; margin: 0 auto; padding: 20px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 34px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
p.lede { margin: 0 0 12px; color: var(--muted); max-width: 900px; }
p.note, p.empty { color: var(--muted); margin: 6px 0; }
nav { margin: 8px 0 4px; font-size: 13px; }
nav a { color: var(--muted); margin-right: 14px; text-decoration: none; border-bottom: 1px dotted var(--muted); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 14px 0 6px; }
.fact { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fff; }
.fact .label { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.fact .value { display: block; font-size: 18px; font-weight: 600; }
.fact .sub { display: block; font-size: 12px; color: var(--muted); }
.status-optimal .value, .ok .value { color: var(--good); }
.status-infeasible .value, .status-no_solution .value, .failed .value { color: var(--bad); }
.status-time_limit .value { color: var(--accent); }
.weights { display: flex; height: 22px; border-radius: 4px; overflow: hidden; margin: 6px 0 2px; max-width: 720px; }
.weights span { color: #fff; font-size: 12px; line-height: 22px; padding: 0 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.inputs { font-size: 12px; color: var(--muted); }
ul.reasons { margin: 6px 0; color: var(--bad); }
/* A box that scrolls sideways, with a shadow on each side that has more to see: the white covers
   scroll with the content and hide a shadow once its edge is reached (no script needed). Cells
   keep transparent backgrounds so the shadows show through them. */
.scroll { overflow-x: auto; margin: 6px 0;
  background: linear-gradient(to right, #fff 40%, rgba(255,255,255,0)) left center / 28px 100% no-repeat local,
    linear-gradient(to left, #fff 40%, rgba(255,255,255,0)) right center / 28px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(29,36,51,.28), rgba(29,36,51,0)) left center / 14px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(29,36,51,.28), rgba(29,36,51,0)) right center / 14px 100% no-repeat scroll; }
.scroll > table { margin: 0; }
.chart-box > svg { min-width: ${CHART_MIN_WIDTH_PX}px; }
ol.milestone-strip { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 8px 0; }
ol.milestone-strip li { border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; font-size: 12px; line-height: 1.35; font-variant-numeric: tabular-nums; }
ol.milestone-strip .m { font-weight: 700; color: #c2410c; margin-right: 4px; }
ol.milestone-strip .gw { display: block; font-weight: 600; }
ol.milestone-strip li.bad { border-color: var(--bad); } ol.milestone-strip li.bad .gw { color: var(--bad); }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0; }
th, td { padding: 4px 7px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: rgba(29,36,51,.05); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.strong { font-weight: 600; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bad { color: var(--bad); font-weight: 600; }
tfoot td { border-top: 2px solid var(--line); font-weight: 600; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--band); border: 1px solid var(--line); margin-right: 4px; }
.tag-spacing { background: #e0f2fe; } .tag-cap { background: #fef3c7; } .tag-budget, .tag-cash { background: #fee2e2; }
.tag-schedule { background: #ede9fe; } .tag-score, .tag-cost { background: #f1f5f9; }
table.funnel { max-width: 760px; }
td.bar-cell { width: 40%; }
.bar { display: block; height: 12px; background: #3b528b; border-radius: 2px; margin-top: 3px; }
svg { display: block; width: 100%; height: auto; font-family: inherit; }
svg text { font-size: 12px; fill: var(--ink); }
figure { margin: 8px 0; }
figcaption { font-size: 12px; color: var(--muted); }
.map .land { fill: #eef1f5; stroke: #aab3c2; stroke-width: .7; stroke-linejoin: round; }
.map .borders { fill: none; stroke: #b7bfcc; stroke-width: .6; stroke-linejoin: round; }
.map .inset-frame { fill: none; stroke: #c5ccd8; stroke-width: .8; }
.map .inset-label { font-size: 11px; fill: var(--muted); }
.map .graticule { fill: none; stroke: #e3e7ee; stroke-width: .5; }
.map .site { stroke: #fff; stroke-width: .5; }
.map .site.excluded, .map .legend-excluded { fill: #8a94a6; fill-opacity: .5; stroke: none; }
.map .site.selected circle, .map .legend-selected { stroke: #111; stroke-width: 2; }
.map .slot-label.two-digit { font-size: 11px; letter-spacing: -.03em; }
.map .slot-label { font-size: 11.5px; font-weight: 700; text-anchor: middle; stroke: none; }
.map .spacing { fill: #c2410c; fill-opacity: .06; stroke: #c2410c; stroke-width: 1; stroke-dasharray: 3 2; }
.map .legend-title { font-weight: 600; }
.gantt .row-band { fill: var(--band); }
.gantt .slot-row-label { font-weight: 700; }
.gantt .row-site { fill: var(--muted); }
.gantt .grid-major, .cash .grid-major { stroke: #c5ccd8; stroke-width: 1; }
.gantt .grid-minor, .cash .grid-minor, .frontier .grid-minor { stroke: #eceff4; stroke-width: 1; }
.gantt .start { stroke: var(--muted); stroke-dasharray: 2 3; }
.gantt .axis, .cash .axis, .frontier .axis { fill: var(--muted); font-size: 11px; }
.gantt .milestone line { stroke: #c2410c; stroke-opacity: .35; stroke-dasharray: 3 3; }
.gantt .milestone-label { fill: #c2410c; font-size: 11px; font-weight: 600; }
.bar-build { fill: #94a3b8; }
.bar-held { fill: #f59e0b; fill-opacity: .75; }
.ready { fill: #fff; stroke: #15803d; stroke-width: 2; }
.online { fill: #15803d; stroke: #fff; stroke-width: 1; }
.milestone-target { stroke: #c2410c; stroke-width: 2.5; fill: none; }
.gantt .tranche { fill: #15803d; font-size: 11px; font-weight: 600; }
.cash .panel-title, .cash .budget-label { font-weight: 600; fill: var(--muted); }
.budget-line { stroke: var(--bad); stroke-dasharray: 6 4; fill: none; }
.capex-line { stroke: #1d4ed8; stroke-width: 2.5; fill: none; }
.cash-line { stroke: #15803d; stroke-width: 2.5; stroke-dasharray: 7 3; fill: none; }
.bridge-line { stroke: #15803d; stroke-width: 1.5; stroke-dasharray: 2 3; fill: none; }
.cash .month-hit { fill: transparent; }
.cash .month-hit:hover { fill: #1d4ed8; fill-opacity: .08; }
.cash .month-hit.bad { fill: var(--bad); fill-opacity: .12; }
.tightest { fill: #fff; stroke: #1d4ed8; stroke-width: 2.5; } .tightest.bad { stroke: var(--bad); }
.cash .tightest-label { font-size: 11px; font-weight: 600; fill: #1d4ed8; }
.cash .tightest-label, .cash .budget-label, .gantt .tranche { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.risk-track { fill: #eef0f3; }
.risk-bars .panel-title { font-weight: 600; fill: var(--muted); }
.risk-bars .tick { fill: var(--muted); font-size: 11px; }
.risk-bars .tick-line { stroke: #fff; stroke-width: 1.5; }
.risk-value { font-variant-numeric: tabular-nums; font-weight: 600; }
.risk-ok { fill: #15803d; } .risk-warn { fill: #b45309; } .risk-bad { fill: var(--bad); }
.fan-band { fill: #1d4ed8; fill-opacity: .18; stroke: none; }
.fan-median { stroke: #1d4ed8; stroke-width: 2; fill: none; }
.fan-plan { stroke: #111; stroke-width: 1.5; stroke-dasharray: 5 3; fill: none; }
.fan-milestone { stroke: #c2410c; stroke-width: 2.5; fill: none; }
.fan .panel-title { font-weight: 600; fill: var(--muted); }
.fan .month-hit { fill: transparent; } .fan .month-hit:hover { fill: #1d4ed8; fill-opacity: .08; }
.frontier .frontier-line { fill: none; stroke: #3b528b; stroke-width: 2; }
.frontier .frontier-point { fill: #3b528b; stroke: #fff; stroke-width: 1.5; }
.frontier .frontier-point.limited { fill: #fff; stroke: #3b528b; stroke-width: 2; }
.frontier .frontier-point.none { fill: #fff; stroke: var(--bad); stroke-width: 2; }
.frontier .frontier-point.chosen { fill: var(--accent); stroke: #111; stroke-width: 2; }
.frontier .chosen-label { font-weight: 700; fill: var(--accent); }
.frontier .axis-title { fill: var(--muted); font-size: 12px; }
footer { margin-top: 36px; font-size: 12px; color: var(--muted); }
/* A narrow window (a laptop's half screen, 900 px): tables tighten and headers wrap, so the
   selection fits beside nothing rather than running off the right edge. */
@media screen and (max-width: 1100px) {
  main { padding: 14px 12px 40px; }
  table { font-size: 11px; }
  th, td { padding: 3px 3px; }
  th { white-space: normal; }
  .wide-only { display: none; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5px; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; margin-top: 18px; }
  figure, svg, .facts, tr { break-inside: avoid; }
  /* A page is 186 mm tall in landscape: charts shrink to fit one page, keeping their proportions. */
  svg.map, svg.gantt, svg.cash, svg.fan { max-height: 165mm; }
  section.chart { break-before: page; }
  table { font-size: 9.5px; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
}
`;
