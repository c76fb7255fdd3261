/**
 * Regenerates docs/report.png, the picture of the report in README and docs/report.md: the
 * bundled baseline's report as `npm start` writes it, opened in headless Chromium (Debian's
 * /usr/bin/chromium, or CHROMIUM=path) at 1,440 px wide, from the header down to the selection
 * table. `npm run docs:screenshot`; run it after any change to the report's look.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { bundledReportHtml } from "../test/helpers/bundledReport.ts";

const OUT = "docs/report.png";
const WIDTH = 1440;
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.error(`${chromiumPath} is missing: install Chromium (apt-get install -y chromium) or set CHROMIUM=path`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "gigasite-screenshot-"));
try {
  const file = join(dir, "report.html");
  writeFileSync(file, await bundledReportHtml({ risk: false }));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 }, javaScriptEnabled: false });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const bottom = await page.locator("#selection").evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom + window.scrollY + 16));
    await page.screenshot({ path: OUT, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: bottom } });
    console.log(`${OUT}: ${WIDTH} × ${bottom} px, header to the selection table`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
