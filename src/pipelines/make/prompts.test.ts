import { describe, expect, it } from "vitest";
import { fillTemplate, TemplateSlotError, templateSlotNames } from "../../core/fill-template.js";
import { buildGenerationPrompt } from "./generate-candidates.js";
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

describe("the generation prompt", () => {
  const input = {
    demand: "d",
    description: { task: "t", query: "q", options: "o" },
    optionCount: 4,
    attributes: { region: "asia", era: "modern" },
    strategy: { bin: 0, bins: 10, rank: 3, score: 7, combination: { steps: "4+", trap: "subtle" } },
    references: [],
    stepwise: true,
    rated: false,
    direct: false,
  };

  it("offers the attributes as advice the generator may disregard, as the paper's prompt does", () => {
    const { prompt } = buildGenerationPrompt(input);
    expect(prompt).toContain("you may disregard an\nattribute that conflicts with the demand");
    expect(prompt).toContain("- region: asia\n- era: modern");
    expect(prompt).not.toMatch(/must have these attributes/i);
    expect(prompt).toContain(
      "if some of them conflict, you may selectively\nignore them):\n- steps: 4+\n- trap: subtle",
    );
  });

  it("lists the reply fields in schema order: stepwise first, the rating last when asked for", () => {
    const stepwise = buildGenerationPrompt(input).prompt;
    expect(stepwise.indexOf('"analysis"')).toBeLessThan(stepwise.indexOf('"question"'));
    expect(stepwise).not.toContain('"difficulty"');
    const rated = buildGenerationPrompt({ ...input, stepwise: false, rated: true }).prompt;
    expect(rated).toMatch(/"explanation": "\.\.\.", "difficulty": <1-10>\}$/);
    expect(rated).not.toContain('"analysis"');
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
