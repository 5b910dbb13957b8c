import { describe, expect, it } from "vitest";
import { CommandError } from "./api";
import { refusal } from "./refusal";

describe("refusal", () => {
  it("puts the engine's message at the field it names, with the form's prefix", () => {
    const e = new CommandError({ code: "invalid", field: "cleared_on", message: "Enter a date." });
    expect(refusal(e)).toEqual({ errors: { cleared_on: "Enter a date." }, problem: null });
    expect(refusal(e, "clearance.")).toEqual({ errors: { "clearance.cleared_on": "Enter a date." }, problem: null });
  });

  it("says for the whole form what names no field", () => {
    const e = new CommandError({ code: "internal", field: null, message: "The disk is full." });
    expect(refusal(e)).toEqual({ errors: {}, problem: "The disk is full." });
    expect(refusal(new Error("lost"))).toEqual({ errors: {}, problem: "lost" });
    expect(refusal("odd")).toEqual({ errors: {}, problem: "odd" });
  });
});
