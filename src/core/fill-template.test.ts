import { describe, expect, it } from "vitest";
import { fillTemplate, TemplateSlotError, templateSlotNames } from "./fill-template.js";

describe("fillTemplate", () => {
  it("fills every {{slot}}, repeated ones too, and writes numbers with String()", () => {
    expect(fillTemplate("{{a}} + {{b}} = {{a}}{{b}}", { a: "x", b: 0.5 })).toBe("x + 0.5 = x0.5");
    expect(fillTemplate("no slots", {})).toBe("no slots");
  });

  it("inserts values literally: no re-scan, no $-patterns", () => {
    expect(fillTemplate("{{x}}|{{y}}", { x: "{{y}}", y: "$& $1 $$" })).toBe("{{y}}|$& $1 $$");
  });

  it("leaves single braces and JSON examples alone", () => {
    expect(fillTemplate('Reply {"a": {b}} {{c}}', { c: "1" })).toBe('Reply {"a": {b}} 1');
  });

  it("throws a TemplateSlotError naming a missing slot", () => {
    const error = catchError(() => fillTemplate("a {{x}} {{y}}", { x: 1 }));
    expect(error).toBeInstanceOf(TemplateSlotError);
    expect(error).toMatchObject({ slot: "y", problem: "missing", message: "prompt slot {{y}} has no value" });
    // Inherited properties are not slot values.
    expect(() => fillTemplate("{{toString}}", {})).toThrow(TemplateSlotError);
  });

  it("throws a TemplateSlotError naming a slot given but unused", () => {
    const error = catchError(() => fillTemplate("a {{x}}", { x: 1, typo: 2 }));
    expect(error).toMatchObject({ slot: "typo", problem: "unused" });
    expect((error as Error).message).toContain('"typo"');
  });

  it("lists a template's distinct slot names in order", () => {
    expect(templateSlotNames("{{b}} {{a}} {{b}} {single}")).toEqual(["b", "a"]);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
