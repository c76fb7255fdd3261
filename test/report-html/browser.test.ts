/**
 * Opens rendered reports in headless Chromium (playwright-core, the system browser): the site
 * markers and slot labels are really there, nothing leaves the page, and no error is logged
 * (a Content-Security-Policy violation would be). Skipped, with a message, without Chromium.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunOutcome } from "../../src/pipeline/run.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { renderReport } from "../helpers/report.ts";
import { generatedOutcome } from "./fixture.ts";
import { gigasiteArgs } from "../helpers/gigasiteCli.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`);

const BUNDLED_SITES = "data/sites.csv";
const BUNDLED_MODEL = "models/baseline.json";
const hasBundledData = existsSync(BUNDLED_SITES) && existsSync(BUNDLED_MODEL);
if (hasChromium && !hasBundledData) console.warn(`real-run browser test skipped: ${BUNDLED_SITES} or ${BUNDLED_MODEL} is missing`);

interface PageFacts {
  readonly markers: number;
  readonly selectedMarkers: number;
  readonly slotRows: readonly string[];
  readonly mapLabels: readonly string[];
  readonly requests: readonly string[];
  readonly errors: readonly string[];
  readonly url: string;
}

describe("report in a browser", () => {
  let browser: Browser | undefined;
  const dir = mkdtempSync(join(tmpdir(), "gigasite-report-"));

  beforeAll(async () => {
    if (!hasChromium) return;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Writes the report, then opens it (see {@link openFile}). */
  async function open(outcome: RunOutcome, name: string, screenshot?: string): Promise<PageFacts> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, renderReport(outcome, { frontier: [], generatedFor: { sitesFile: BUNDLED_SITES, modelFile: BUNDLED_MODEL } }));
    return openFile(file, screenshot);
  }

  /** Opens a report file JavaScript-free and reads what a person would see. */
  async function openFile(file: string, screenshot?: string): Promise<PageFacts> {
    const url = pathToFileURL(file).href;
    // JavaScript off: the report must not need it (and it has none to run).
    if (!browser) throw new Error("browser not launched");
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(url, { waitUntil: "load" });
    const facts: PageFacts = {
      markers: await page.locator(".site").count(),
      selectedMarkers: await page.locator(".site.selected").count(),
      slotRows: await page.locator(".gantt .slot-row-label").allTextContents(),
      mapLabels: await page.locator(".site.selected .slot-label").allTextContents(),
      requests,
      errors,
      url,
    };
    if (screenshot) {
      mkdirSync("test-output", { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await context.close();
    return facts;
  }

  const slots = Array.from({ length: 10 }, (_, k) => `Slot ${k + 1}`);
  const numbers = Array.from({ length: 10 }, (_, k) => String(k + 1));

  it.skipIf(!hasChromium)(
    "shows every site and the ten slots of a fixture run, offline",
    async () => {
      const outcome = generatedOutcome();
      const facts = await open(outcome, "fixture", "test-output/report.png");
      expect(facts.markers).toBe(outcome.table.sites.length);
      expect(facts.selectedMarkers).toBe(10);
      expect(facts.slotRows).toEqual(slots);
      expect([...facts.mapLabels].sort((a, b) => Number(a) - Number(b))).toEqual(numbers);
      expect(facts.requests).toEqual([facts.url]);
      expect(facts.errors).toEqual([]);
      expect(existsSync("test-output/report.png")).toBe(true);
    },
    60_000,
  );

  it.skipIf(!hasChromium || !hasBundledData)(
    "shows every site and the ten slots of a real run on the bundled data",
    async () => {
      const loaded = await loadRunInputs(BUNDLED_SITES, BUNDLED_MODEL);
      if (!loaded.ok) throw new Error(`bundled inputs do not load: ${loaded.issues.map((i) => i.message).join("; ")}`);
      const outcome = await runScenario(loaded.value.table, loaded.value.model);
      expect(outcome.result.status).toBe("optimal");
      const facts = await open(outcome, "baseline", "test-output/report-baseline.png");
      expect(facts.markers).toBe(loaded.value.table.sites.length);
      expect(facts.slotRows).toEqual(slots);
      expect([...facts.mapLabels].sort((a, b) => Number(a) - Number(b))).toEqual(numbers);
      expect(facts.requests).toEqual([facts.url]);
      expect(facts.errors).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!hasChromium || !hasBundledData)(
    "at a 900 px window the selection table fits the page, no column cut off",
    async () => {
      const loaded = await loadRunInputs(BUNDLED_SITES, BUNDLED_MODEL);
      if (!loaded.ok) throw new Error("bundled inputs do not load");
      const file = join(dir, "narrow.html");
      writeFileSync(
        file,
        renderReport(await runScenario(loaded.value.table, loaded.value.model), {
          frontier: [],
          generatedFor: { sitesFile: BUNDLED_SITES, modelFile: BUNDLED_MODEL },
        }),
      );
      if (!browser) throw new Error("browser not launched");
      const context = await browser.newContext({ viewport: { width: 900, height: 900 }, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const table = page.locator("table.selection-table");
      const { tableWidth, boxWidth } = await table.evaluate((t) => ({ tableWidth: t.scrollWidth, boxWidth: t.parentElement?.clientWidth ?? 0 }));
      await context.close();
      expect(tableWidth).toBeLessThanOrEqual(boxWidth);
    },
    180_000,
  );

  it.skipIf(!hasChromium || !hasBundledData)(
    "opens the report.html that `gigasite run` writes",
    async () => {
      const out = join(dir, "cli-out");
      await promisify(execFile)(process.execPath, gigasiteArgs("run", "--out", out), { timeout: 240_000 });
      const file = join(out, "baseline", "report.html");
      expect(existsSync(file)).toBe(true);
      const runJson = JSON.parse(readFileSync(join(out, "baseline", "run.json"), "utf8")) as { counts: { candidates: number } };
      const facts = await openFile(file);
      expect(facts.markers).toBe(runJson.counts.candidates);
      expect(facts.slotRows).toEqual(slots);
      expect(facts.requests).toEqual([facts.url]);
      expect(facts.errors).toEqual([]);
    },
    300_000,
  );
});
