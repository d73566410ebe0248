import { describe, expect, it } from "vitest";
import { fillTemplate, templateSlotNames } from "../../core/fill-template.js";
import { DESIGNER_PROMPT, DESIGNER_SYSTEM } from "./prompts.js";

describe("tune prompts", () => {
  it("the designer prompt names the slots the LLM designer fills, as {{slots}}", () => {
    expect(templateSlotNames(DESIGNER_PROMPT)).toEqual([
      "templateName",
      "templateDescription",
      "paramSpecs",
      "target",
      "tolerance",
      "iteration",
      "maxIters",
      "history",
    ]);
    expect(templateSlotNames(DESIGNER_SYSTEM)).toEqual([]);
  });

  it("fills numbers and keeps the JSON example's single braces", () => {
    const prompt = fillTemplate(DESIGNER_PROMPT, {
      templateName: "t",
      templateDescription: "d",
      paramSpecs: "- n: int",
      target: 0.5,
      tolerance: 0.05,
      iteration: 2,
      maxIters: 10,
      history: "(none)",
    });
    expect(prompt).toContain("Target model accuracy: 0.5 (tolerance +/- 0.05).\nIteration 2 of 10.");
    expect(prompt).toContain('{"params": {...every parameter...}');
  });
});
