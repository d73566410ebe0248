import { describe, expect, it } from "vitest";
import { SOLVER_FOR_TEMPLATE } from "../../../../test/solvers/index.js";
import { createSolverContext } from "../../../../test/solvers/test-context.js";
import { createRng } from "../../../core/rng.js";
import { evaluateItems } from "../evaluate-items.js";
import { describeParams, paramsAtDifficulty } from "../param-space.js";
import type { TuneTemplate } from "../template.js";
import { TEMPLATES, type TemplateName } from "./index.js";

async function accuracyAt(
  name: TemplateName,
  overrides: Record<string, unknown>,
  base = 0.3,
): Promise<number> {
  const template = TEMPLATES[name] as TuneTemplate;
  const params = { ...paramsAtDifficulty(describeParams(template.paramsSchema).specs, base), ...overrides };
  const items = template.generate(params, createRng(`knob:${JSON.stringify(overrides)}`), 150);
  const model = createSolverContext({ seed: 3 }).resolveModel(SOLVER_FOR_TEMPLATE[name]);
  return (await evaluateItems({ template, items, model, concurrency: 8 })).measurement.accuracy;
}

// Each knob moved from its easy end to its hard end (others fixed) must lower the solver's accuracy clearly.
const KNOBS: [TemplateName, string, unknown, unknown, Record<string, unknown>?][] = [
  ["arithmetic-sequences", "recurrenceOrder", 1, 4],
  // Slips on big numbers show in open answers (far-off MCQ distractors forgive them).
  ["arithmetic-sequences", "coefficientMagnitude", 1, 12, { distractorStyle: "open" }],
  ["arithmetic-sequences", "modularShare", 0, 1],
  ["arithmetic-sequences", "interleaved", 1, 3],
  ["arithmetic-sequences", "distractorStyle", "mcq-far", "open"],
  ["spatial-reasoning", "steps", 2, 20],
  ["spatial-reasoning", "gridSize", 12, 4],
  ["spatial-reasoning", "rotationFrequency", 0, 0.7],
  ["tool-use", "requiredCalls", 1, 6],
  ["tool-use", "policyConstraints", 0, 3],
  ["tool-use", "distractingRecords", 0, 8],
  ["multi-hop", "hops", 1, 5],
  ["multi-hop", "tableSize", 4, 30],
  ["multi-hop", "distractorFacts", 0, 10],
  ["multi-hop", "mcqOptions", 2, 8],
];

describe("difficulty knobs move the bounded solvers' accuracy the declared way", () => {
  for (const [name, knob, easy, hard, fixed = {}] of KNOBS) {
    it(`${name}: ${knob} ${String(easy)} -> ${String(hard)} lowers accuracy`, async () => {
      const easyAccuracy = await accuracyAt(name, { ...fixed, [knob]: easy });
      const hardAccuracy = await accuracyAt(name, { ...fixed, [knob]: hard });
      expect(easyAccuracy - hardAccuracy).toBeGreaterThan(0.08);
    });
  }

  it("the whole easy-to-hard line spans most of [0, 1] for every template", async () => {
    for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
      expect(await accuracyAt(name, {}, 0)).toBeGreaterThan(0.9);
      expect(await accuracyAt(name, {}, 1)).toBeLessThan(0.25);
    }
  });
});

describe("solvers read the problem, not the answer", () => {
  it("the sequence solver answers an order-1 sequence it can parse", async () => {
    const model = createSolverContext().resolveModel("solver:sequence");
    const response = await model.doGenerate({
      messages: [{ role: "user", content: "What is the next term?\n3, 5, 7, 9, ?" }],
    });
    expect(response.text).toMatch(/Answer: 11$/);
  });
});
