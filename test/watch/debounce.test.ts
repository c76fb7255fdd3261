import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debouncer } from "../../src/cli/commands/watch.ts";

// Fake timers: the debounce is checked by the clock it is given, never by wall-clock time.
describe("debouncer", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("turns a burst of saves into one run, after the last save", () => {
    let fired = 0;
    const d = debouncer(150, () => (fired += 1));
    for (let i = 0; i < 6; i++) {
      d.poke();
      vi.advanceTimersByTime(100);
    }
    expect(fired).toBe(0);
    vi.advanceTimersByTime(49);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(fired).toBe(1);
  });

  it("runs again for a save after the quiet time, and not at all once cancelled", () => {
    let fired = 0;
    const d = debouncer(150, () => (fired += 1));
    d.poke();
    vi.advanceTimersByTime(150);
    d.poke();
    vi.advanceTimersByTime(150);
    expect(fired).toBe(2);
    d.poke();
    d.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fired).toBe(2);
  });
});
