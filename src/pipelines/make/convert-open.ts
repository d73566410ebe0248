import { z } from "zod";
import { formatOption, formatOptions } from "../../core/format-options.js";
import { answerIndex } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { Result } from "../../core/result.js";
import { fail, ok } from "../../core/result.js";
import { generateObject } from "../../llm/generate.js";
import type { Candidate } from "./candidate.js";
import { renderPrompt } from "./prompts.js";

/**
 * Open format (OTG conversion): the item is generated and checked as an MCQ (so the test-taker
 * difficulty label and discrimination stay well defined), then rewritten into an open-ended
 * question with a short reference answer by one more call.
 */
export async function convertToOpen(options: {
  model: LanguageModel;
  candidate: Candidate;
}): Promise<Result<{ question: string; answer: string }, string>> {
  const { candidate } = options;
  const result = await generateObject({
    model: options.model,
    schema: z.object({ question: z.string().trim().min(1), answer: z.string().trim().min(1) }),
    schemaName: "open_item",
    temperature: 0,
    ...renderPrompt("convertOpen", {
      question: candidate.question,
      options: formatOptions(candidate.options),
      answer: formatOption(answerIndex(candidate), candidate.options[answerIndex(candidate)] ?? ""),
    }),
  });
  if (!result.success) return fail(`invalid-output: open conversion: ${result.error.message}`);
  return ok(result.value.object);
}
