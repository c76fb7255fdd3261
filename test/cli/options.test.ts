import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { nonNegativeInteger, positiveInteger } from "../../src/cli/options.ts";

describe("whole-number options", () => {
  it("accept whole numbers from their minimum up", () => {
    expect(nonNegativeInteger("0")).toBe(0);
    expect(positiveInteger("1")).toBe(1);
    expect(positiveInteger("10000")).toBe(10000);
  });

  it("name their own minimum whatever is wrong with the value", () => {
    for (const bad of ["0", "abc", "-1", "1.5", " "]) {
      expect(() => positiveInteger(bad)).toThrow(new InvalidArgumentError(`expected a whole number >= 1, found "${bad}"`));
    }
    for (const bad of ["abc", "-1", "1.5", ""]) {
      expect(() => nonNegativeInteger(bad)).toThrow(new InvalidArgumentError(`expected a whole number >= 0, found "${bad}"`));
    }
  });
});
