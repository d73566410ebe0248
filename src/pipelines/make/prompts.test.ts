import { describe, expect, it } from "vitest";
import { fillTemplate, TemplateSlotError, templateSlotNames } from "../../core/fill-template.js";
import { MAKE_PROMPTS, renderPrompt } from "./prompts.js";
import { parseSpecYaml, stringifySpecYaml } from "./spec-yaml.js";

describe("make prompts", () => {
  it("every template starts with its step heading and fills all its slots", () => {
    for (const entry of Object.values(MAKE_PROMPTS)) {
      expect(entry.template.startsWith(`### ${entry.step}\n`)).toBe(true);
      const slots = templateSlotNames(entry.template);
      const filled = fillTemplate(
        entry.template,
        Object.fromEntries(slots.map((slot) => [slot, `<${slot}>`])),
      );
      expect(filled).not.toMatch(/\{\{/);
    }
  });

  it("renders through the one filler: a missing or a stray slot is an error", () => {
    expect(() => renderPrompt("paraphraseDemand", {})).toThrow(TemplateSlotError);
    expect(() => renderPrompt("paraphraseDemand", { demand: "d", extra: 1 })).toThrow(TemplateSlotError);
    expect(renderPrompt("paraphraseDemand", { demand: "$& {{x}}" }).prompt).toContain("Demand: $& {{x}}\n");
  });
});

describe("spec files", () => {
  it("round-trips through YAML and rejects a malformed spec with the field", () => {
    const spec = {
      demand: "d",
      description: { task: "t", query: "q", options: "o" },
      attributes: [{ name: "a", values: ["x"] }],
    };
    expect(parseSpecYaml(stringifySpecYaml(spec), "spec.yaml")).toEqual(spec);
    expect(parseSpecYaml("description:\n  task: only\n  query: q\n  options: o\n", "s.yaml")).toEqual({
      description: { task: "only", query: "q", options: "o" },
    });
    expect(() => parseSpecYaml("attributes: [{name: a}]", "bad.yaml")).toThrow(
      /bad.yaml is not a valid make spec: attributes.0.values/,
    );
    expect(() => parseSpecYaml("a: [", "broken.yaml")).toThrow(/not valid YAML/);
  });
});
