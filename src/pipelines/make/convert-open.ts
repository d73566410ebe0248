import { z } from "zod";
import { formatOption, formatOptions } from "../../core/format-options.js";
import { answerIndex } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { Result } from "../../core/result.js";
import { fail, ok } from "../../core/result.js";
import { gradeOpenAnswer } from "../../evaluate/index.js";
import { judgeOpenAnswer } from "../../evaluate/judge-answer.js";
import { matchOptionText } from "../../evaluate/match-option-text.js";
import { generateObject } from "../../llm/generate.js";
import type { Candidate } from "./candidate.js";
import { renderPrompt } from "./prompts.js";

export interface OpenForm {
  question: string;
  answer: string;
}

/**
 * Open format (OTG conversion): the item is generated and checked as an MCQ (so discrimination
 * stays well defined), then rewritten into an open-ended question with a short reference answer by
 * one more call.
 */
export async function convertToOpen(options: {
  model: LanguageModel;
  candidate: Candidate;
}): Promise<Result<OpenForm, string>> {
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

/**
 * The converted answer must be the keyed option: it matches the option's text (exactly, normalised,
 * or as the one option it states), else the judge must find it means the same. Otherwise the
 * conversion changed what the item asks, and the open item is rejected.
 */
export async function checkOpenAnswer(options: {
  judge: LanguageModel;
  candidate: Candidate;
  open: OpenForm;
}): Promise<Result<"matched" | "judged", string>> {
  const { candidate, open } = options;
  const keyed = candidate.options[answerIndex(candidate)] ?? "";
  if (gradeOpenAnswer(open.answer, keyed).correct) return ok("matched");
  if (matchOptionText(open.answer, candidate.options) === answerIndex(candidate)) return ok("matched");
  const judged = await judgeOpenAnswer({
    judge: options.judge,
    question: open.question,
    reference: keyed,
    candidate: open.answer,
  });
  if (judged.verdict?.verdict === "correct") return ok("judged");
  const why = judged.verdict ? "the judge found it different" : `no judge verdict: ${judged.error ?? ""}`;
  return fail(
    `open-mismatch: the open answer "${open.answer.slice(0, 80)}" is not the keyed option "${keyed.slice(0, 80)}" (${why})`,
  );
}
