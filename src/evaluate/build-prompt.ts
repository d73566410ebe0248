import { fillTemplate } from "../core/fill-template.js";
import { formatLetters, formatOptions } from "../core/format-options.js";
import type { Item } from "../core/item.js";
import { EVAL_PROMPTS } from "./prompts.js";

export interface EvalPrompt {
  system: string;
  prompt: string;
}

/** The prompt a model sees for one item: direct, or chain-of-thought ending in "Answer: X". */
export function buildEvalPrompt(item: Item, options: { chainOfThought: boolean }): EvalPrompt {
  if (item.format === "mcq") {
    const template = options.chainOfThought ? EVAL_PROMPTS.mcqChainOfThought : EVAL_PROMPTS.mcqDirect;
    const itemOptions = item.options ?? [];
    const slots = {
      question: item.question,
      options: formatOptions(itemOptions),
      letters: formatLetters(itemOptions.length),
    };
    return { system: template.system, prompt: fillTemplate(template.user, slots) };
  }
  const template = options.chainOfThought ? EVAL_PROMPTS.openChainOfThought : EVAL_PROMPTS.openDirect;
  return { system: template.system, prompt: fillTemplate(template.user, { question: item.question }) };
}

/** The loglikelihood prompt of an MCQ item ("Question: ...\nA. ...\nAnswer:"), for scoring each letter. */
export function buildChoicePrompt(item: Pick<Item, "question" | "options">): string {
  return fillTemplate(EVAL_PROMPTS.mcqLoglikelihood.user, {
    question: item.question,
    options: formatOptions(item.options ?? []),
  });
}
