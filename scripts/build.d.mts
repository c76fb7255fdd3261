/** True when dist/ is missing or older than a source or a tsconfig. */
export function distIsStale(): boolean;
/** Runs tsc over tsconfig.build.json; `clean` removes dist/ first (default true). */
export function build(options?: { readonly clean?: boolean }): { readonly ok: boolean; readonly emitted: boolean; readonly output: string };
