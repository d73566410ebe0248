import { z } from "zod";
import { formatOptions } from "../../core/format-options.js";
import { type Item, letterFor } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { Rng } from "../../core/rng.js";
import { importRows } from "../../io/import-rows.js";
import { generateObject } from "../../llm/generate.js";
import type { CardRow } from "../../sources/dataset-cards/index.js";
import { answerTextOf } from "./check-item.js";
import type { Subtask, Transformation } from "./plan-document.js";
import { type PlanPromptName, renderPlanPrompt } from "./prompts.js";
import { failed, type Verdict } from "./qc-checks.js";

/** A row turned into an item, with the row's answer text (the ground truth the item keeps). */
export interface RealizedItem {
  item: Item;
  sourceAnswer: string;
}

const QuestionSchema = z.object({ question: z.string().min(1) });
const OptionsSchema = z.object({ question: z.string().min(1), distractors: z.array(z.string()) });

// GSM8K-style answers end in "#### 72" after the worked solution: the number is the answer.
const FINAL_NUMBER = /####\s*(-?[\d,]*\.?\d+)\s*$/;

async function ask<T>(
  executor: LanguageModel,
  name: PlanPromptName,
  schema: z.ZodType<T>,
  slots: Record<string, string | number>,
  signal: AbortSignal | undefined,
): Promise<Result<T, Verdict>> {
  const { system, prompt } = renderPlanPrompt(name, slots);
  const reply = await generateObject({
    model: executor,
    schema,
    schemaName: name,
    system,
    prompt,
    temperature: 0,
    ...(signal ? { abortSignal: signal } : {}),
  });
  return reply.success
    ? ok(reply.value.object)
    : fail(failed("invalid-output", `executor: ${reply.error.message}`));
}

/**
 * Realization of one source row by the transformation plan: "as-is" keeps the row's item; "rewrite"
 * rewords its question; "add-options" writes distractors around the row's answer (placed at a seeded
 * position); "to-open" drops the options and keeps the correct one's text. The answer is always the
 * row's: the executor only ever writes questions and distractors.
 */
export async function realizeItem(options: {
  row: CardRow;
  cardId: string;
  subtask: Subtask;
  transformation: Transformation;
  executor: LanguageModel;
  optionCount: number;
  rng: Rng;
  signal?: AbortSignal | undefined;
}): Promise<Result<RealizedItem, Verdict>> {
  const { row, subtask, transformation, executor, signal } = options;
  const imported = importRows([row.values], { idPrefix: `${options.cardId}-row-`, rowNumbers: [row.index] });
  const base = imported.items[0];
  if (base === undefined) return fail(failed("unusable-row", imported.rejected[0]?.reason ?? "not an item"));
  const finalNumber = subtask.answerType === "number" ? FINAL_NUMBER.exec(base.answer)?.[1] : undefined;
  const source: Item = finalNumber === undefined ? base : { ...base, answer: finalNumber.replace(/,/g, "") };
  const sourceAnswer = answerTextOf(source);
  const common = {
    subtask: subtask.name,
    description: subtask.description,
    instructions: transformation.instructions || "keep the item's content; fit the subtask's format",
    question: source.question,
  };
  switch (transformation.kind) {
    case "as-is":
      return ok({ item: source, sourceAnswer });
    case "rewrite": {
      const options_ = source.format === "mcq" ? formatOptions(source.options ?? []) : "(none: open answer)";
      const reply = await ask(
        executor,
        "rewrite",
        QuestionSchema,
        { ...common, options: options_, answer: source.answer },
        signal,
      );
      return reply.success
        ? ok({ item: { ...source, question: reply.value.question }, sourceAnswer })
        : reply;
    }
    case "add-options": {
      const count = options.optionCount - 1;
      const reply = await ask(
        executor,
        "addOptions",
        OptionsSchema,
        { ...common, answer: sourceAnswer, count },
        signal,
      );
      if (!reply.success) return reply;
      const distractors = reply.value.distractors.map((text) => text.trim()).filter((text) => text !== "");
      if (distractors.length < count)
        return fail(
          failed("invalid-output", `executor wrote ${distractors.length} distractors, ${count} were asked`),
        );
      const position = options.rng.int(0, count);
      const choices = [...distractors.slice(0, count)];
      choices.splice(position, 0, sourceAnswer);
      const { explanation: _explanation, ...rest } = source;
      return ok({
        item: {
          ...rest,
          format: "mcq",
          question: reply.value.question,
          options: choices,
          answer: letterFor(position),
        },
        sourceAnswer,
      });
    }
    case "to-open": {
      const slots = {
        ...common,
        answerType: subtask.answerType,
        options: formatOptions(source.options ?? []),
        answer: sourceAnswer,
      };
      const reply = await ask(executor, "toOpen", QuestionSchema, slots, signal);
      if (!reply.success) return reply;
      const { options: _options, ...rest } = source;
      return ok({
        item: { ...rest, format: "open", question: reply.value.question, answer: sourceAnswer },
        sourceAnswer,
      });
    }
  }
}
