import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/index.ts";
import { packForThread } from "../../src/core/threadMessage.ts";

describe("InternalError", () => {
  it("is a bug by its class: its own name, an Error, and a message that says so", () => {
    const error = new InternalError("the compute thread holds no run outcome");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("InternalError");
    expect(error.message).toBe("the compute thread holds no run outcome (this is a bug)");
  });

  it("is what the library throws where it finds a state it should never reach", () => {
    expect(() => packForThread({ run: () => 1 })).toThrow(InternalError);
  });
});
