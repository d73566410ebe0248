import { describe, expect, it } from "vitest";
import { TemplateSlotError, templateSlotNames } from "../core/fill-template.js";
import { AUDIT_PROMPTS, type AuditPromptName, fillAuditPrompt, renderItem } from "./prompts.js";

describe("audit prompts", () => {
  it("shows an item with eval's option block and the keyed answer", () => {
    expect(renderItem({ question: "Q?", options: ["x", "y"], answer: "B" })).toBe(
      "Question: Q?\nA. x\nB. y\nKeyed answer: B",
    );
    expect(renderItem({ question: "Q?", answer: "42" })).toBe("Question: Q?\nKeyed answer: 42");
  });

  it("every template fills with exactly its slots; a missing or stray one throws", () => {
    for (const name of Object.keys(AUDIT_PROMPTS) as AuditPromptName[]) {
      const slots = Object.fromEntries(templateSlotNames(AUDIT_PROMPTS[name]).map((slot) => [slot, "<v>"]));
      expect(fillAuditPrompt(name, slots)).not.toMatch(/\{\{/);
    }
    expect(() => fillAuditPrompt("alignmentItemwise", { item: "i" })).toThrow(TemplateSlotError);
    expect(() => fillAuditPrompt("faithfulnessItemwise", { item: "i", demand: "d" })).toThrow(/"demand"/);
  });
});
