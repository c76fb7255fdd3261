#!/usr/bin/env node
// The `gigasite` command: `node bin/gigasite.js <command>` from the repository root (or this
// file's path from anywhere). It runs the compiled CLI in dist/ in this process when dist/ is
// built from the current sources (`npm ci` and `npm run build` build it), and otherwise the
// sources themselves through tsx: slower to start, same behaviour. So no missing, stale or
// half-built dist/ can leave the checkout without a working command.
import { distIsStale } from "../scripts/build.mjs";

if (!distIsStale()) {
  await import(new URL("../dist/cli/main.js", import.meta.url).href);
} else {
  if (process.stderr.isTTY) process.stderr.write("gigasite: dist/ is missing or older than src/; running the sources (`npm run build` starts faster)\n");
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/cli/main.ts", import.meta.url).href);
}
