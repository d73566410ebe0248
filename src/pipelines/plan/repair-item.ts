import { z } from "zod";
import { formatOptions } from "../../core/format-options.js";
import { answerIndex, type Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { fail, ok, type Result } from "../../core/result.js";
import { normalizeAnswer } from "../../evaluate/normalize-answer.js";
import { generateObject } from "../../llm/generate.js";
import { answerTextOf } from "./check-item.js";
import { renderPlanPrompt } from "./prompts.js";
import { type CheckId, failed, failuresOf, type Verdict } from "./qc-checks.js";

const REPAIRS: Partial<Record<CheckId, string>> = {
  "option-uniqueness":
    "make every option distinct by rewriting the repeated distractor; keep the correct option as it is",
  leakage: "reword the question so it no longer gives the answer away",
  unambiguous: "reword the question or a distractor so exactly one answer is defensible",
};

/**
 * The repair planner: one instruction per failed check when every failure is about wording or
 * formatting; undefined when any failure is beyond repair (a wrong key, a misaligned item ...).
 */
export function planRepairs(verdicts: readonly Verdict[]): string[] | undefined {
  const { failures, repairable } = failuresOf(verdicts);
  if (!repairable || failures.length === 0) return undefined;
  return failures.map(
    (failure) => `${REPAIRS[failure.check] ?? failure.check}${failure.note ? ` (${failure.note})` : ""}`,
  );
}

const FixReplySchema = z.object({
  question: z.string().min(1),
  options: z.array(z.string()).optional(),
  answer: z.string().optional(),
});

/** Why a fixed item is refused: it changed the answer (its key, the correct option's text, or the answer text). */
export function answerChange(original: Item, fixed: Pick<Item, "options" | "answer">): string | undefined {
  if (fixed.answer !== original.answer)
    return `the fixer changed the answer from "${original.answer}" to "${fixed.answer}"`;
  if (original.format !== "mcq") return undefined;
  if ((fixed.options ?? []).length !== (original.options ?? []).length)
    return "the fixer changed the number of options";
  const before = normalizeAnswer(answerTextOf(original));
  const after = normalizeAnswer(fixed.options?.[answerIndex(original)] ?? "");
  return before === after ? undefined : "the fixer changed the correct option's text";
}

/**
 * The fixer: the executor rewrites the item as the repairs ask. A reply that changes the answer is
 * refused ("fix-refused"); invalid JSON is repaired once, then "invalid-output". The answer always
 * stays the original one.
 */
export async function fixItem(options: {
  item: Item;
  repairs: readonly string[];
  subtask: string;
  executor: LanguageModel;
  signal?: AbortSignal | undefined;
}): Promise<Result<{ item: Item; responses: number }, Verdict>> {
  const { item } = options;
  const { system, prompt } = renderPlanPrompt("fix", {
    subtask: options.subtask,
    repairs: options.repairs.map((repair) => `- ${repair}`).join("\n"),
    question: item.question,
    options: item.format === "mcq" ? formatOptions(item.options ?? []) : "(none: open answer)",
    answer: item.answer,
  });
  const reply = await generateObject({
    model: options.executor,
    schema: FixReplySchema,
    schemaName: "fix",
    system,
    prompt,
    temperature: 0,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success) return fail(failed("invalid-output", `fixer: ${reply.error.message}`));
  const fixed = reply.value.object;
  const proposed = {
    options: item.format === "mcq" ? (fixed.options ?? item.options) : undefined,
    answer: fixed.answer?.trim() || item.answer,
  };
  const change = answerChange(item, proposed);
  if (change !== undefined) return fail(failed("fix-refused", change));
  const repaired: Item = {
    ...item,
    question: fixed.question,
    ...(proposed.options ? { options: proposed.options } : {}),
  };
  return ok({ item: repaired, responses: reply.value.responses.length });
}
