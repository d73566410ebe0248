import { z } from "zod";
import { defineTemplate, generateEach } from "../template.js";

/**
 * A template module for queue tests: item i is "heads" with probability 1 - bias/10, and every question
 * carries its own token, so no two prompts of a run are alike (each reaches the model once). A target
 * that always answers "heads" scores about 1 - bias/10.
 */
export default defineTemplate({
  name: "coin",
  description: "guess the coin (heads with probability 1 - bias/10)",
  paramsSchema: z.object({
    bias: z.number().int().min(0).max(10).describe("how often the coin lands tails, in tenths").meta({
      harder: "higher",
    }),
  }),
  generate(params, rng, n) {
    return generateEach(rng, n, "coin", (itemRng, id) => ({
      id,
      format: "open" as const,
      question: `Coin ${id}, token ${itemRng.int(0, 1_000_000_000)}: heads or tails?`,
      answer: itemRng.next() < 1 - params.bias / 10 ? "heads" : "tails",
    }));
  },
  score: (item, answer) => item.answer === answer.trim().toLowerCase(),
});
