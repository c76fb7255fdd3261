#!/usr/bin/env node
// The `gigasite` command: runs the compiled CLI (dist/, built by `npm ci` through `prepare`) in this process.
import { existsSync } from "node:fs";
import { distIsStale } from "../scripts/build.mjs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("gigasite: the compiled CLI (dist/cli/main.js) is missing; run `npm run build` (npm ci runs it)\n");
  process.exit(1);
}
if (distIsStale()) process.stderr.write("gigasite: warning: src/ is newer than dist/; running the last build (`npm run build` to update)\n");
await import(entry.href);
