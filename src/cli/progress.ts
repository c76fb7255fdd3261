import cliProgress from "cli-progress";
import { onInterrupt } from "./interrupt.ts";

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
    // The cursor and line wrap are left alone, so that no way of ending (a crash included) leaves them changed.
    { stream, format: `{bar} {value}/{total} ${unit}  eta {eta_formatted}`, hideCursor: false, linewrap: null, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const forget = onInterrupt(() => bar.stop());
  return {
    update: (done) => bar.update(done),
    stop: () => {
      forget();
      bar.stop();
    },
  };
}

export interface StatusLine {
  /** Replaces the line's text. */
  set(text: string): void;
  /** Removes the line. */
  clear(): void;
}

/**
 * One line of status on stderr ("solving 458 candidates…"), redrawn in place, on a terminal
 * only; nothing when stdout or stderr is piped. Ctrl-C clears it.
 * @example const status = statusLine(); status.set("reading plants.csv…"); status.clear();
 */
export function statusLine(stream: NodeJS.WriteStream = process.stderr): StatusLine {
  if (!progressWanted(stream)) return { set: () => undefined, clear: () => undefined };
  let shown = false;
  let forget = (): void => undefined;
  const clear = (): void => {
    if (shown) stream.write("\r\x1b[2K");
    shown = false;
    forget();
  };
  return {
    set: (text) => {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      if (!shown) forget = onInterrupt(clear);
      shown = true;
    },
    clear,
  };
}
