import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { InternalError } from "./internalError.ts";

/**
 * Starts a worker thread on the module `name` beside the module at `besideUrl` (pass
 * `import.meta.url`). Compiled (dist/), that is a JavaScript file. From the sources (tsx, vitest)
 * it is TypeScript, so it starts from a one-line bootstrap that registers tsx in the new thread
 * and then imports it: `execArgv: ["--import", "tsx"]` does not work here, since on Node 20 the
 * hooks are not yet in place when the worker's entry file loads ("Unknown file extension .ts").
 * tsx is resolved from this file, so any working folder works.
 * @example const worker = startModuleWorker("sensitivityWorker", import.meta.url, { workerData })
 */
export function startModuleWorker(name: string, besideUrl: string, options: WorkerOptions = {}): Worker {
  if (besideUrl.endsWith(".js")) return new Worker(new URL(`./${name}.js`, besideUrl), options);
  const require = createRequire(import.meta.url);
  const manifest = require("tsx/package.json") as { exports: Record<string, { import?: { default?: string } }> };
  const apiPath = manifest.exports["./esm/api"]?.import?.default;
  if (apiPath === undefined) throw new InternalError("tsx/esm/api not found in tsx's package.json");
  const api = new URL(apiPath, pathToFileURL(require.resolve("tsx/package.json"))).href;
  const entry = new URL(`./${name}.ts`, besideUrl).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
