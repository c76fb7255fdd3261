import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { packForThread, unpackFromThread } from "../../src/core/threadMessage.ts";
import { loadRunInputs } from "../../src/pipeline/inputs.ts";
import { runScenario } from "../../src/pipeline/run.ts";
import { smallModel } from "../analysis/smallModel.ts";

/** What the other thread receives: the structured clone that postMessage makes. */
const acrossThreads = <T>(value: T): T => unpackFromThread(structuredClone(packForThread(value)));

describe("values sent to another thread", () => {
  it("keep objects without a prototype, also inside Maps, Sets and arrays, and shared references", () => {
    const pillars = Object.assign(Object.create(null) as Record<string, number>, { constructor: 1, energy: 2 });
    const shared = { pillars };
    const value = { list: [shared, shared], byId: new Map([["a", Object.create(null) as object]]), set: new Set([pillars]), n: Number.NaN, none: undefined };
    const received = acrossThreads(value);
    expect(isDeepStrictEqual(received, value)).toBe(true);
    expect(Object.getPrototypeOf(received.list[0]?.pillars)).toBeNull();
    expect(Object.getPrototypeOf(received.byId.get("a"))).toBeNull();
    expect(received.list[0]).toBe(received.list[1]);
    // Without the packing, the clone would give the record a prototype (the reason this exists).
    expect(Object.getPrototypeOf(structuredClone(pillars))).toBe(Object.prototype);
  });

  it("refuse a class instance or a function as a bug, before anything is sent", () => {
    class Index {
      size = 1;
    }
    expect(() => packForThread({ layers: [new Index()] })).toThrow(/an object of class Index cannot be sent to another thread intact \(this is a bug\)/);
    expect(() => packForThread({ onProgress: () => undefined })).toThrow(/function cannot be sent/);
  });

  it("carry a run's whole outcome intact", async () => {
    const loaded = await loadRunInputs("test/fixtures/sites-small.csv", "models/baseline.json");
    if (!loaded.ok) throw new Error("fixture should load");
    const outcome = await runScenario(loaded.value.table, await smallModel());
    expect(isDeepStrictEqual(structuredClone(outcome), outcome)).toBe(false);
    expect(isDeepStrictEqual(acrossThreads(outcome), outcome)).toBe(true);
  });
});
