import { z } from "zod";
import { formatOptions } from "../../core/format-options.js";
import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import { checkItem } from "./check-item.js";
import type { Subtask } from "./plan-document.js";
import { renderPlanPrompt } from "./prompts.js";
import { failed, failuresOf, passed, type Verdict } from "./qc-checks.js";

const InspectReplySchema = z.object({
  alignment: z.boolean(),
  answerable: z.boolean(),
  correct: z.boolean(),
  unambiguous: z.boolean(),
  notes: z.string().optional(),
});

/** Where an item came from, as the verifier is told (the answer correctness check compares with it). */
export interface ItemOrigin {
  /** E.g. `dataset "mmlu/test", row 812`. */
  description: string;
  /** The source row's answer text; undefined for items written from scratch. */
  answer: string | undefined;
}

export interface Inspection {
  verdicts: Verdict[];
  /** Verifier responses this inspection took (0 when the code's checks already rejected it). */
  responses: number;
}

/**
 * The inspector: the deterministic checks first; when none fails beyond repair, the verifier judges
 * alignment, answerability, correctness (against the source) and ambiguity in one call. Its invalid
 * JSON is repaired once, then an "invalid-output" verdict (a rejection with its reason).
 */
export async function inspectItem(options: {
  item: Item;
  subtask: Subtask;
  origin: ItemOrigin;
  verifier: LanguageModel;
  signal?: AbortSignal | undefined;
}): Promise<Inspection> {
  const { item, subtask, origin } = options;
  const verdicts = checkItem({ item, answerType: subtask.answerType, sourceAnswer: origin.answer });
  if (!failuresOf(verdicts).repairable) return { verdicts, responses: 0 };
  const { system, prompt } = renderPlanPrompt("inspect", {
    subtask: subtask.name,
    description: subtask.description,
    answerType: subtask.answerType,
    question: item.question,
    options: item.format === "mcq" ? formatOptions(item.options ?? []) : "(none: open answer)",
    answer: item.answer,
    source:
      origin.answer === undefined
        ? origin.description
        : `${origin.description}; the source's answer: ${origin.answer}`,
    sourceCheck: origin.answer === undefined ? "" : " and agrees with the source's answer",
  });
  const reply = await generateObject({
    model: options.verifier,
    schema: InspectReplySchema,
    schemaName: "inspection",
    system,
    prompt,
    temperature: 0,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success)
    return {
      verdicts: [...verdicts, failed("invalid-output", `verifier: ${reply.error.message}`)],
      responses: 2,
    };
  const judged = reply.value.object;
  const note = judged.notes?.trim() ?? "";
  const verdict = (check: "alignment" | "answerable" | "correct" | "unambiguous") =>
    judged[check] ? passed(check) : failed(check, note || "the verifier says it does not hold");
  return {
    verdicts: [
      ...verdicts,
      verdict("alignment"),
      verdict("answerable"),
      verdict("correct"),
      verdict("unambiguous"),
    ],
    responses: reply.value.responses.length,
  };
}
