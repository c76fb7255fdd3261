/** `-` as a file argument: the sites CSV comes from standard input. */
export const STDIN_ARG = "-";

/** How issues and outputs name a CSV read from standard input. */
export const STDIN_NAME = "<stdin>";

/** Reads all of standard input. */
export async function readStdin(input: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The sites argument as loaders take it: a path, or for `-` the bytes of standard input and the
 * name issues give it.
 * @example const { path, bytes } = await sitesArgument(options.sites); await loadRunInputs(path, model, { ...(bytes ? { sitesBytes: bytes } : {}) });
 */
export async function sitesArgument(arg: string): Promise<{ readonly path: string; readonly bytes?: Uint8Array }> {
  return arg === STDIN_ARG ? { path: STDIN_NAME, bytes: await readStdin() } : { path: arg };
}
