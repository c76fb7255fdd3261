import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/core/issues.ts";
import { seededRandom } from "../../src/core/random.ts";
import { decodeLines, LineDecoder } from "../../src/sites/decode.ts";
import { validateSitesFile } from "../../src/sites/load.ts";
import { parseSitesCsv } from "../../src/sites/parse.ts";

const CORPUS = "test/fixtures/bad-input";

describe("streaming and in-memory readers agree", () => {
  it("on every CSV of the bad-input corpus", async () => {
    const dirs = readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, "sites.csv")));
    expect(dirs.length).toBeGreaterThan(30);
    for (const name of dirs) {
      const path = join(CORPUS, name, "sites.csv");
      const parsed = parseSitesCsv(readFileSync(path), path);
      const report = await validateSitesFile(path, { maxIssues: 1000 });
      const expected = (parsed.ok ? parsed.warnings : parsed.issues).map(formatIssue);
      expect({ name, issues: report.issues.map(formatIssue) }).toEqual({ name, issues: expected });
      expect(report.errorCount > 0).toBe(!parsed.ok);
    }
  });

  it("LineDecoder gives the same text and Latin-1 lines for any chunking", () => {
    const rng = seededRandom(3);
    const text = "\uFEFFsite_id,name\r\nA,S\u00e3o\r\nB,plain\nC,Caf\u00e9 cr\u00e8me\rD,\u00fc\n";
    // Encode as Windows-1252 bytes except the BOM, which stays the UTF-8 one, and one UTF-8 line.
    const latin = [...text.slice(1)].map((c) => c.charCodeAt(0));
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...latin, ...new TextEncoder().encode("E,\u00e9t\u00e9\n")]);
    const whole = decodeLines(bytes.subarray(3), 1);
    for (let trial = 0; trial < 200; trial++) {
      const decoder = new LineDecoder();
      let out = "";
      for (let at = 0; at < bytes.length; ) {
        const size = rng.int(1, 7);
        out += decoder.push(bytes.subarray(at, at + size));
        at += size;
      }
      out += decoder.end();
      expect(out).toBe(whole.text);
      expect(decoder.latin1Lines).toEqual(whole.latin1Lines);
    }
    expect(whole.latin1Lines).toEqual([2, 4, 5]);
    expect(whole.text.endsWith("E,\u00e9t\u00e9\n")).toBe(true);
  });
});
