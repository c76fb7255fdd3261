/**
 * A bug in gigasite, never a problem with the user's input or environment: thrown where code finds
 * a state it should never reach. The CLI maps it to exit 1 by its class ("internal error: this is
 * a bug", details behind `--debug`); the message says what was found and ends "(this is a bug)".
 * @example throw new InternalError("the compute thread holds no run outcome")
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(`${message} (this is a bug)`);
    this.name = "InternalError";
  }
}
