/**
 * The bundled report's layout in headless Chromium at three desktop widths and a phone's,
 * measured with the browser's boxes (layoutProbe.ts): nothing wider than its box unless that box
 * scrolls and shows it, no text under 10 px, no overlapping labels, no label on a data line, and
 * label contrast of 4.5:1 or more. The probe is first shown a page with each defect, so a probe
 * that finds nothing cannot pass for a clean report. Skipped, with a message, without Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL, BUNDLED_SITES, bundledReportHtml } from "../helpers/bundledReport.ts";
import { type LayoutProblem, runLayoutProbe } from "./layoutProbe.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const hasBundledData = existsSync(BUNDLED_SITES) && existsSync(BUNDLED_MODEL);
if (!hasChromium) console.warn(`layout test skipped: ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`);

/** The widths issue 27 names: three desktop windows and a phone. */
const WIDTHS = [1280, 1440, 1920, 390] as const;

const DEFECTS = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font: 14px sans-serif; } .box { width: 200px; } .wide { width: 300px; height: 10px; background: #ccc; }
.cut { width: 60px; overflow: hidden; white-space: nowrap; }
</style></head><body>
<div class="box" id="spill"><div class="wide"></div></div>
<p class="cut">a value far too long for its cell</p>
<p style="font-size: 8px">tiny text</p>
<p style="color: #999; background: #bbb">grey on grey</p>
<svg viewBox="0 0 200 100" width="300" height="150">
  <path class="capex-line" d="M0 50H200" stroke="#00f" stroke-width="2" fill="none"/>
  <text x="20" y="54" font-size="12">on the line</text>
  <text x="100" y="20" font-size="12">first label</text><text x="110" y="22" font-size="12">second label</text>
</svg></body></html>`;

describe("report layout in a browser", () => {
  let browser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), "gigasite-layout-"));
  let reportFile = "";

  beforeAll(async () => {
    if (!hasChromium) return;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function withPage<T>(file: string, width: number, use: (page: Page) => Promise<T>): Promise<T> {
    if (!browser) throw new Error("browser not launched");
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      return await use(page);
    } finally {
      await context.close();
    }
  }

  const kinds = (problems: readonly LayoutProblem[]): string[] => [...new Set(problems.map((p) => p.kind))].sort();

  it.skipIf(!hasChromium)(
    "the probe finds each kind of defect on a page made of them",
    async () => {
      const file = join(dir, "defects.html");
      writeFileSync(file, DEFECTS);
      const problems = await withPage(file, 390, (page) => runLayoutProbe(page));
      expect(kinds(problems)).toEqual(["contrast", "on-line", "overflow", "overlap", "small-text"]);
      expect(problems.filter((p) => p.kind === "overflow").map((p) => p.where)).toEqual([expect.stringContaining("div.box"), expect.stringContaining("p.cut")]);
      // At 250 px the 300 px spill and chart make the page wider than the window.
      const wide = await withPage(file, 250, (page) => runLayoutProbe(page));
      expect(kinds(wide)).toContain("page-width");
    },
    60_000,
  );

  it.skipIf(!hasChromium || !hasBundledData)(
    "the bundled report has no clipped element, no text under 10 px and no overlapping label at 1,280, 1,440, 1,920 and 390 px",
    async () => {
      reportFile = join(dir, "report.html");
      writeFileSync(reportFile, await bundledReportHtml({ risk: true }));
      const found: Record<number, LayoutProblem[]> = {};
      for (const width of WIDTHS) {
        found[width] = await withPage(reportFile, width, async (page) => {
          if (width === 1440 || width === 390) {
            mkdirSync("test-output", { recursive: true });
            await page.screenshot({ path: `test-output/report-layout-${width}.png`, fullPage: true });
          }
          return runLayoutProbe(page);
        });
      }
      expect(found).toEqual(Object.fromEntries(WIDTHS.map((w) => [w, []])));
    },
    300_000,
  );

  it.skipIf(!hasChromium || !hasBundledData)(
    "on a desktop window the plan table and the milestone strip show every column without scrolling; on a phone they scroll or wrap",
    async () => {
      if (reportFile === "") {
        reportFile = join(dir, "report.html");
        writeFileSync(reportFile, await bundledReportHtml({ risk: true }));
      }
      for (const width of WIDTHS) {
        const facts = await withPage(reportFile, width, (page) =>
          page.evaluate(`(() => {
            const box = document.querySelector("table.selection-table").parentElement;
            const strip = document.querySelector("ol.milestone-strip").getBoundingClientRect();
            const items = [...document.querySelectorAll("ol.milestone-strip li")].map((li) => li.getBoundingClientRect());
            return {
              tableFits: box.scrollWidth <= box.clientWidth,
              boxScrolls: getComputedStyle(box).overflowX === "auto",
              milestonesInside: items.filter((r) => r.left >= strip.left - 0.5 && r.right <= strip.right + 0.5).length,
              lastMilestone: document.querySelector("ol.milestone-strip li:last-child .m").textContent,
            };
          })()`),
        );
        expect(facts).toMatchObject({ boxScrolls: true, milestonesInside: 10, lastMilestone: "M10" });
        if (width >= 1280) expect(facts, `${width} px`).toMatchObject({ tableFits: true });
      }
    },
    300_000,
  );
});
