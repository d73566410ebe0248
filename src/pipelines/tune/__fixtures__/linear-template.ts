import { z } from "zod";
import { MockLanguageModel } from "../../../testing/mock-language-model.js";
import type { TemplateItem, TuneTemplate } from "../template.js";

/**
 * A template whose accuracy is exactly 1 - level/20 on every sample whose size is a multiple of 20,
 * whatever the model answers (the item says whether it counts as solved): designers can be tested
 * against a known accuracy function without sampling noise. `style` has no effect.
 */
export const linearTemplate: TuneTemplate = {
  name: "linear",
  description: "accuracy exactly 1 - level/20",
  paramsSchema: z.object({
    level: z.number().int().min(0).max(20).describe("difficulty level").meta({ harder: "higher" }),
    style: z.enum(["plain", "terse", "verbose"]).describe("wording, no effect on accuracy"),
  }),
  generate(params, _rng, n) {
    const solved = Math.round(n * (1 - Number(params.level) / 20));
    return Array.from(
      { length: n },
      (_, index): TemplateItem => ({
        id: `linear-${index}`,
        format: "open",
        question: `level ${String(params.level)} item ${index}`,
        answer: "a",
        data: { solved: index < solved },
      }),
    );
  },
  score: (item) => item.data?.solved === true,
};

/** A target model for `linearTemplate` (its answers do not matter). */
export const linearTarget = () => new MockLanguageModel({ respond: "Answer: a" });
