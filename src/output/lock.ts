/**
 * A per-folder lock so that gigasite processes writing into the same output folder take turns.
 * The lock is a file created exclusively (`wx`) holding the owner's pid and a random token. A
 * lock whose owner no longer runs (killed mid-commit) is stale and is taken over; a live owner is
 * waited for, up to a time limit, since a commit takes milliseconds.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode } from "../core/fsErrors.ts";

export const LOCK_NAME = ".gigasite-lock";

interface LockOwner {
  readonly pid: number;
  readonly token: string;
}

const isLockOwner = (value: unknown): value is LockOwner =>
  value !== null && typeof value === "object" && "pid" in value && typeof value.pid === "number" && "token" in value && typeof value.token === "string";

/** A held lock; `release` is safe to call twice. */
export interface HeldLock {
  readonly token: string;
  release(): Promise<void>;
}

export type LockOutcome = { readonly status: "held"; readonly lock: HeldLock } | { readonly status: "busy"; readonly ownerPid: number };

/**
 * Whether a process with this pid runs (EPERM: it runs, as another user).
 * @example isAlive(process.pid) // true
 */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === "EPERM";
  }
}

export const newToken = (): string => randomBytes(6).toString("hex");

/** How long a lock file may stay empty (its owner between create and write) before it counts as dead. */
const EMPTY_LOCK_GRACE_MS = 5_000;
/** The pid of a lock whose owner has not written it yet. */
const STARTING = -1;

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, "utf8"));
    if (isLockOwner(value)) return { pid: value.pid, token: value.token };
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return undefined;
  }
  // Empty or half-written: its owner is between create and write, or was killed right there.
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return undefined;
  return { pid: Date.now() - info.mtimeMs < EMPTY_LOCK_GRACE_MS ? STARTING : 0, token: "" };
}

/**
 * Takes the lock of `dir`, waiting while another live process holds it.
 * @example const taken = await lockFolder("out/baseline"); if (taken.status === "held") await taken.lock.release();
 */
export async function lockFolder(dir: string, options: { readonly waitMs?: number } = {}): Promise<LockOutcome> {
  const path = join(dir, LOCK_NAME);
  const token = newToken();
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  let pause = 5;
  for (;;) {
    try {
      const handle = await open(path, "wx");
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, token }));
      } finally {
        await handle.close();
      }
      return { status: "held", lock: heldLock(path, token) };
    } catch (error) {
      if (errnoCode(error) !== "EEXIST") throw error;
    }
    const owner = await readOwner(path);
    if (owner === undefined) continue;
    if (owner.pid !== STARTING && !isAlive(owner.pid)) {
      await takeOverStale(path, owner);
      continue;
    }
    if (Date.now() > deadline) return { status: "busy", ownerPid: owner.pid };
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 200);
  }
}

/**
 * Moves a dead owner's lock aside under a unique name, then checks it is the one read: if a third
 * process replaced the stale lock in between, its fresh lock is put back.
 */
async function takeOverStale(path: string, stale: LockOwner): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${newToken()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (moved !== undefined && moved.token !== stale.token && (moved.pid === STARTING || isAlive(moved.pid))) {
    await rename(aside, path).catch(() => undefined);
    return;
  }
  await rm(aside, { force: true });
}

function heldLock(path: string, token: string): HeldLock {
  let released = false;
  return {
    token,
    async release() {
      if (released) return;
      released = true;
      const owner = await readOwner(path);
      if (owner?.token === token) await rm(path, { force: true });
    },
  };
}
