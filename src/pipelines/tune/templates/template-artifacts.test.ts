import { describe, expect, it } from "vitest";
import { createRng } from "../../../core/rng.js";
import { runHeuristicBaselines } from "../../../evaluate/index.js";
import { wilsonInterval } from "../../../stats/intervals.js";
import { describeParams, paramsAtDifficulty } from "../param-space.js";
import { type TuneTemplate, toBenchmarkItem } from "../template.js";
import { TEMPLATES } from "./index.js";

// Our own generators must pass the answer-artifact audit `eval` runs on everyone else's benchmarks,
// with a tighter margin (5 points instead of ARTIFACT_MARGIN's 10) and across the parameter space.
const MARGIN = 0.05;
const ITEMS = 300;

/** Settings per MCQ template: overall difficulty plus overrides, chosen to cover the leak-prone corners. */
const MCQ_SETTINGS: Record<string, Array<{ difficulty: number; overrides: Record<string, unknown> }>> = {
  "arithmetic-sequences": [
    { difficulty: 0.2, overrides: { distractorStyle: "mcq-far" } },
    // Periodic (modular) sequences: the next term is usually one of the shown terms.
    { difficulty: 0.6, overrides: { distractorStyle: "mcq-near", modularShare: 1 } },
    {
      difficulty: 0.4,
      overrides: { distractorStyle: "mcq-far", modularShare: 0.5, coefficientMagnitude: 1 },
    },
  ],
  "multi-hop": [
    { difficulty: 0.5, overrides: {} },
    // A small table with many options: few cities are mentioned, but the answer always is.
    { difficulty: 0, overrides: { tableSize: 4, mcqOptions: 8 } },
    { difficulty: 0.3, overrides: { hops: 1, tableSize: 6, mcqOptions: 5 } },
  ],
};

const paramsFor = (template: TuneTemplate, difficulty: number, overrides: Record<string, unknown>) => ({
  ...paramsAtDifficulty(describeParams(template.paramsSchema).specs, difficulty),
  ...overrides,
});

describe("built-in MCQ templates leak no answer artifacts to the no-model heuristics", () => {
  for (const [name, settings] of Object.entries(MCQ_SETTINGS)) {
    for (const { difficulty, overrides } of settings) {
      it(`${name} at difficulty ${difficulty} ${JSON.stringify(overrides)}`, () => {
        const template = TEMPLATES[name as keyof typeof TEMPLATES] as TuneTemplate;
        const params = paramsFor(template, difficulty, overrides);
        const items = template
          .generate(params, createRng(`artifacts:${name}:${difficulty}`), ITEMS)
          .map((item) => toBenchmarkItem({ item, template: name, params, seed: 1 }));
        expect(items.every((item) => item.format === "mcq")).toBe(true);
        // Chance computed here, independently of the evaluate module: mean over items of 1/k.
        const chance = items.reduce((sum, item) => sum + 1 / (item.options?.length ?? 1), 0) / items.length;
        const results = runHeuristicBaselines(items, createRng(`heuristics:${name}`));
        expect(results.length).toBeGreaterThanOrEqual(4);
        const violations = results.flatMap((result) => {
          expect(result.total).toBe(ITEMS);
          const interval = wilsonInterval(result.correct, result.total);
          const summary = `${result.id} ${result.correct}/${result.total} vs chance ${chance.toFixed(3)}`;
          if (interval.low > chance + MARGIN) return [`${summary}: above chance`];
          // Far BELOW chance leaks too: the mirror heuristic (shortest option, least overlap) then wins.
          // Random guessing and the leave-one-out position prior cannot be mirrored that way.
          const mirrorable = result.probesArtifacts && result.id !== "position-prior";
          if (mirrorable && interval.high < chance - MARGIN) return [`${summary}: below chance`];
          return [];
        });
        expect(violations).toEqual([]);
      });
    }
  }

  it("every template that can produce MCQ items is covered above", () => {
    for (const [name, template] of Object.entries(TEMPLATES) as [string, TuneTemplate][]) {
      if (name in MCQ_SETTINGS) continue;
      const { specs } = describeParams(template.paramsSchema);
      const enumSpecs = specs.filter((spec) => spec.kind === "enum");
      // Each enum value at each difficulty (enums usually pick the answer format).
      const variants = [
        {},
        ...enumSpecs.flatMap((spec) => (spec.options ?? []).map((value) => ({ [spec.name]: value }))),
      ];
      for (const difficulty of [0, 0.5, 1])
        for (const overrides of variants) {
          const items = template.generate(paramsFor(template, difficulty, overrides), createRng(1), 10);
          expect({ name, mcq: items.some((item) => item.format === "mcq") }).toEqual({ name, mcq: false });
        }
    }
  });
});
