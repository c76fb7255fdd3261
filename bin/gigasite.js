#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx so that `npx gigasite` works after `npm ci`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = require.resolve("tsx/cli");
const entry = join(here, "..", "src", "cli", "main.ts");
const child = spawnSync(process.execPath, [tsxCli, entry, ...process.argv.slice(2)], { stdio: "inherit" });
if (child.error) {
  console.error(`gigasite: could not start: ${child.error.message}`);
  process.exit(1);
}
process.exit(child.status ?? (child.signal ? 1 : 0));
