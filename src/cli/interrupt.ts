/**
 * Ctrl-C and SIGTERM for every command. gigasite is one process (worker threads die with it), so
 * ending the process ends everything; what is left to do is to undo what was done to the terminal
 * (a progress bar hides the cursor), say what was done, and exit 130.
 *
 * A JavaScript signal handler only runs when the event loop is free, and a solver works
 * synchronously for up to its time limit. So around such work (`whileComputing`) the handler is
 * taken away and the operating system's default applies: the process ends at once (the shell sees
 * 130 for Ctrl-C), before anything is written, and nothing was drawn that needs undoing.
 */

/** Exit code after Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
type Signal = (typeof SIGNALS)[number];

const cleanups = new Set<() => void>();
let note: () => string = () => "nothing written";
let takeover: ((signal: Signal) => void) | null = null;
let installed = false;
let computing = 0;
let interrupted = false;

/** Shows the cursor and turns line wrap back on, if stderr is a terminal. */
export function restoreTerminal(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write("\x1b[?25h\x1b[?7h");
}

function onSignal(signal: Signal): void {
  if (takeover !== null && !interrupted) {
    interrupted = true;
    takeover(signal);
    return;
  }
  if (interrupted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C: no more waiting
  interrupted = true;
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // Cleaning up must not stop the exit.
    }
  }
  restoreTerminal();
  const name = signal === "SIGINT" ? "Ctrl-C" : "SIGTERM";
  process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}interrupted (${name}): ${note()}\n`);
  process.exit(EXIT_INTERRUPTED);
}

const listeners = new Map<Signal, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));

function listen(on: boolean): void {
  for (const [signal, listener] of listeners) {
    if (on) process.on(signal, listener);
    else process.off(signal, listener);
  }
}

/** Installs the handlers (once, by the CLI's entry point before a command runs). */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  listen(true);
}

/** What the interrupt message says was done, e.g. "after 120 of 500 samples; nothing written". */
export function setInterruptNote(describe: () => string): void {
  note = describe;
}

/** Runs on interrupt before the exit (stop a progress bar); returns a function that removes it. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

/**
 * Lets a command handle the first signal itself (watch mode stops watching and exits 0); a second
 * signal still exits at once. Returns a function that hands signals back.
 */
export function takeOverInterrupts(handler: (signal: Signal) => void): () => void {
  takeover = handler;
  return () => {
    takeover = null;
  };
}

/**
 * Runs synchronous-heavy work (a solve) with the operating system's default signal action, so
 * Ctrl-C ends the process at once instead of waiting for the solver to return.
 * @example const outcome = await whileComputing(() => runScenario(table, model));
 */
export async function whileComputing<T>(work: () => Promise<T>): Promise<T> {
  if (computing++ === 0 && installed && takeover === null) listen(false);
  try {
    return await work();
  } finally {
    if (--computing === 0 && installed && takeover === null) listen(true);
  }
}
