/**
 * Ctrl-C and SIGTERM for every command. gigasite is one process (worker threads die with it), so
 * ending the process ends everything; what is left to do is to undo what was done to the terminal
 * (a progress bar or status line), say what was done, and exit 130.
 *
 * A JavaScript signal handler only runs when its thread's event loop is free, and a solver works
 * synchronously for up to its time limit; so the CLI solves in a worker thread (computeThread.ts)
 * and this thread is always free to answer.
 */

/** Exit code after Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
type Signal = (typeof SIGNALS)[number];

const cleanups = new Set<() => void>();
let note: () => string = () => "nothing written";
let takeover: ((signal: Signal) => void) | null = null;
let installed = false;
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

/** Installs the handlers (once, by the CLI's entry point before a command runs). */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, () => onSignal(signal));
}

/**
 * What the interrupt message says was done, e.g. "after 120 of 500 samples; nothing written".
 * Returns the note it replaces, to build on or to put back.
 */
export function setInterruptNote(describe: () => string): () => string {
  const before = note;
  note = describe;
  return before;
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
