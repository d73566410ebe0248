import { z } from "zod";

// CONTRACT: the JSON file `benchsmith eval` writes and `benchsmith audit` reads.

export const IntervalSchema = z.object({ estimate: z.number(), low: z.number(), high: z.number() });

export const ItemOutcomeSchema = z.object({
  itemId: z.string(),
  correct: z.boolean(),
  /** Letter or normalised answer; null when nothing could be extracted. */
  extracted: z.string().nullable(),
  /** Raw model output, kept for auditing extraction. */
  raw: z.string(),
});

export const ModelResultSchema = z.object({
  model: z.string(),
  /** "llm" for a model ref, "heuristic" for the no-LLM baselines. */
  kind: z.enum(["llm", "heuristic"]),
  accuracy: z.number(),
  interval: IntervalSchema,
  correct: z.number().int(),
  total: z.number().int(),
  unparseable: z.number().int(),
  byDifficulty: z.array(z.object({ bucket: z.string(), accuracy: z.number(), total: z.number().int() })),
  outcomes: z.array(ItemOutcomeSchema),
  /** Optional: what a heuristic baseline does. */
  description: z.string().optional(),
  /** Optional: exact expected accuracy where one exists (random guess: mean 1/k over items). */
  expectedAccuracy: z.number().optional(),
  /** Optional: accuracy per subtask (items with `metadata.subtask`, as `benchsmith plan` writes them). */
  bySubtask: z
    .array(
      z.object({
        subtask: z.string(),
        accuracy: z.number(),
        correct: z.number().int(),
        total: z.number().int(),
      }),
    )
    .optional(),
});

export const EvalResultsSchema = z.object({
  benchmark: z.string(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  runId: z.string().optional(),
  models: z.array(ModelResultSchema),
  /** rankConfidence[a][b] = P(E[acc a] > E[acc b]) = Phi(z), over the llm models in `models` order. */
  rankConfidence: z.array(z.array(z.number())),
  flags: z.array(z.string()),
  /** Optional: names of the rows/columns of `rankConfidence` (the llm models, in order). */
  rankModels: z.array(z.string()).optional(),
  /** Optional: chance accuracy of the MCQ items (mean 1/k), the line heuristics are judged against. */
  chanceAccuracy: z.number().optional(),
  /** Optional: how the run was set up (chain of thought, judge, seed). */
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type EvalResults = z.infer<typeof EvalResultsSchema>;
export type ModelResult = z.infer<typeof ModelResultSchema>;
