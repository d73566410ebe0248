import { describe, expect, it } from "vitest";
import { fillTemplate, TemplateSlotError, templateSlotNames } from "../../core/fill-template.js";
import { buildGenerationPrompt } from "./generate-candidates.js";
import { MAKE_PROMPTS, renderPrompt, splitPromptMessages } from "./prompts.js";
import { parseSpecYaml, stringifySpecYaml } from "./spec-yaml.js";

describe("make prompts", () => {
  it("every template starts with its step heading and fills all its slots", () => {
    for (const entry of Object.values(MAKE_PROMPTS)) {
      expect(entry.template.startsWith(`### ${entry.step}\n`)).toBe(true);
      const tail: string = "tail" in entry ? entry.tail : "";
      for (const template of [entry.template, tail]) {
        const slots = templateSlotNames(template);
        const filled = fillTemplate(template, Object.fromEntries(slots.map((slot) => [slot, `<${slot}>`])));
        expect(filled).not.toMatch(/\{\{/);
      }
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
    const { tail: prompt } = buildGenerationPrompt(input);
    expect(prompt).toContain("you may disregard an\nattribute that conflicts with the demand");
    expect(prompt).toContain("- region: asia\n- era: modern");
    expect(prompt).not.toMatch(/must have these attributes/i);
    expect(prompt).toContain(
      "if some of them conflict, you may selectively\nignore them):\n- steps: 4+\n- trap: subtle",
    );
  });

  it("lists the reply fields in schema order: stepwise first, the rating last when asked for", () => {
    const stepwise = buildGenerationPrompt(input).prefix;
    expect(stepwise.indexOf('"analysis"')).toBeLessThan(stepwise.indexOf('"question"'));
    expect(stepwise).not.toContain('"difficulty"');
    const rated = buildGenerationPrompt({ ...input, stepwise: false, rated: true }).prefix;
    expect(rated).toMatch(/"explanation": "\.\.\.", "difficulty": <1-10>\}$/);
    expect(rated).not.toContain('"analysis"');
  });
});

describe("the generation prompt's shared prefix", () => {
  const shared = {
    demand: "world geography",
    description: { task: "TASK-TEXT", query: "QUERY-TEXT", options: "OPTIONS-TEXT" },
    optionCount: 4,
    stepwise: true,
    rated: false,
    direct: false,
  };
  const first = buildGenerationPrompt({
    ...shared,
    attributes: { region: "REGION-ASIA", kind: "KIND-RIVER" },
    strategy: { bin: 2, bins: 10, rank: 5, score: 9, combination: { steps: "STEPS-FOUR" } },
    references: [{ question: "REFERENCE-ONE about the Nile?", options: ["Nile", "Po"], answer: "A" }],
  });
  const second = buildGenerationPrompt({
    ...shared,
    attributes: { region: "REGION-EUROPE", kind: "KIND-MOUNTAIN" },
    strategy: { bin: 7, bins: 10, rank: 40, score: 15, combination: { steps: "STEPS-ONE" } },
    references: [
      { question: "REFERENCE-TWO about the Alps?", options: ["Alps", "Andes"], answer: "B" },
      { question: "REFERENCE-THREE about Lake Baikal?", answer: "Baikal" },
    ],
  });

  it("is byte-identical for attempts with different attributes, difficulty and references", () => {
    expect(second.system).toBe(first.system);
    expect(second.prefix).toBe(first.prefix);
    expect(second.tail).not.toBe(first.tail);
    // the run-wide text is in the prefix, the shared instructions with it
    for (const text of ["world geography", "TASK-TEXT", "QUERY-TEXT", "OPTIONS-TEXT", '"analysis"'])
      expect(first.prefix).toContain(text);
  });

  it("holds none of the per-attempt text, which comes after it as a second user message", () => {
    const perAttempt = [
      ...["REGION-ASIA", "KIND-RIVER", "STEPS-FOUR", "REFERENCE-ONE", "REGION-EUROPE", "KIND-MOUNTAIN"],
      ...["STEPS-ONE", "REFERENCE-TWO", "REFERENCE-THREE", "HARDER", "Attributes you may draw on"],
    ];
    for (const text of perAttempt) expect(first.prefix).not.toContain(text);
    expect(first.tail).toContain("- region: REGION-ASIA");
    expect(first.tail).toContain("- steps: STEPS-FOUR");
    expect(second.tail).toContain("REFERENCE-THREE");
    expect(splitPromptMessages(first)).toEqual([
      { role: "system", content: first.system },
      { role: "user", content: first.prefix },
      { role: "user", content: first.tail },
    ]);
  });

  it("goes alone when the attempt adds nothing (every per-attempt component off, or the direct baseline)", () => {
    const bare = buildGenerationPrompt({ ...shared, attributes: {}, strategy: undefined, references: [] });
    expect(bare.prefix).toBe(first.prefix);
    expect(bare.tail).toBe("");
    expect(splitPromptMessages(bare).map((message) => message.role)).toEqual(["system", "user"]);
    const direct = buildGenerationPrompt({
      ...shared,
      direct: true,
      attributes: {},
      strategy: undefined,
      references: [],
    });
    expect(direct.prefix.startsWith("### direct-item\n")).toBe(true);
    expect(direct.tail).toBe("");
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
