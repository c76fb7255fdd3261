import cliProgress from "cli-progress";

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** True when progress may be drawn: both stdout and stderr are a terminal (a bar would garble a pager or a log). */
export function progressWanted(stream: NodeJS.WriteStream = process.stderr): boolean {
  return stream.isTTY === true && process.stdout.isTTY === true;
}

/**
 * A progress bar on stderr when both stdout and stderr are a terminal; nothing when either is
 * piped or redirected.
 * @example const bar = progressBar(200, "samples"); bar.update(1); bar.stop();
 */
export function progressBar(total: number, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!progressWanted(stream)) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: `{bar} {value}/{total} ${unit}  eta {eta_formatted}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
