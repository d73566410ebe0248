import { z } from "zod";
import { fillTemplate } from "../core/fill-template.js";
import type { LanguageModel } from "../core/language-model.js";
import { generateObject } from "../llm/generate.js";
import { EVAL_PROMPTS } from "./prompts.js";

export const JudgeVerdictSchema = z.object({
  verdict: z.enum(["correct", "incorrect"]),
  reason: z.string().optional(),
});
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

export interface JudgeOutcome {
  /** undefined when the judge's reply could not be read even after the repair attempt. */
  verdict: JudgeVerdict | undefined;
  /** Why the verdict is missing (the judge's raw text is kept for auditing). */
  error: string | undefined;
}

/**
 * Asks a judge model whether an open answer means the same as the reference. A judge that
 * fails to produce a verdict is an expected outcome (the answer then stays graded by matching).
 */
export async function judgeOpenAnswer(options: {
  judge: LanguageModel;
  question: string;
  reference: string;
  candidate: string;
  abortSignal?: AbortSignal | undefined;
}): Promise<JudgeOutcome> {
  const result = await generateObject({
    model: options.judge,
    schema: JudgeVerdictSchema,
    schemaName: "judge_verdict",
    system: EVAL_PROMPTS.judge.system,
    prompt: fillTemplate(EVAL_PROMPTS.judge.user, {
      question: options.question,
      reference: options.reference,
      candidate: options.candidate,
    }),
    temperature: 0,
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
  });
  if (result.success) return { verdict: result.value.object, error: undefined };
  return {
    verdict: undefined,
    error: `${result.error.message} (judge said: ${result.error.text.slice(0, 200)})`,
  };
}
