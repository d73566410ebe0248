import type { LanguageModel } from "../../core/language-model.js";
import { generateText } from "../../llm/generate.js";
import { type Interval, wilsonInterval } from "../../stats/intervals.js";
import { mapConcurrent } from "./map-concurrent.js";
import { defaultExtractAnswer, defaultPrompt, type TemplateItem, type TuneTemplate } from "./template.js";
import { runToolLoop } from "./tool-loop.js";

export interface ItemOutcome {
  itemId: string;
  score: number;
  /** Extracted answer or tool end state; undefined when nothing could be extracted. */
  answer: string | undefined;
}

/** One item's outcome with the model's last text (what a queue worker stores as the response). */
export interface AnsweredItem extends ItemOutcome {
  response: string;
}

export interface Measurement {
  /** Sum of item scores (items scored true count 1). */
  correct: number;
  total: number;
  accuracy: number;
  interval: Interval;
}

/**
 * Runs a tune's (item, target model) tasks somewhere else (`--queue`): the same prompt, call and score
 * as `evaluateTemplateItem`, on workers that load the template by its reference. `scope` names the
 * sample ("iteration-3", "confirm-3", "final"): template item ids repeat across samples, so the scope
 * keeps each task's key unique within the run. Outcomes come back in the order of `items`.
 */
export interface TemplateItemEvaluator {
  evaluateTemplateItems(request: {
    runId: string;
    modelRef: string;
    /** A built-in template name or an absolute path to a template module (workers load it). */
    template: string;
    scope: string;
    items: readonly TemplateItem[];
    signal: AbortSignal | undefined;
  }): Promise<ItemOutcome[]>;
}

/** Where a tune's answer tasks run when not in this process. */
export interface RemoteTune {
  evaluator: TemplateItemEvaluator;
  runId: string;
  modelRef: string;
  template: string;
}

/** Wilson interval over summed scores (fractional scores are rounded into the count). */
export function measure(correct: number, total: number): Measurement {
  const interval = wilsonInterval(Math.round(correct), total);
  return { correct, total, accuracy: total > 0 ? correct / total : 0, interval };
}

/** Puts one item to the target model (text, or the tool loop) and scores it, at temperature 0. */
export async function evaluateTemplateItem(options: {
  template: TuneTemplate;
  item: TemplateItem;
  model: LanguageModel;
  signal?: AbortSignal | undefined;
}): Promise<AnsweredItem> {
  const { template, item, model } = options;
  const prompt = template.prompt ? template.prompt(item) : defaultPrompt(item);
  let answer: string | undefined;
  let response: string;
  if (template.tools) {
    const result = await runToolLoop({ model, item, prompt, tools: template.tools, signal: options.signal });
    answer = result.endState;
    response = result.finalText;
  } else {
    const reply = await generateText({
      model,
      prompt,
      temperature: 0,
      ...(options.signal ? { abortSignal: options.signal } : {}),
    });
    response = reply.text;
    answer = template.extractAnswer
      ? template.extractAnswer(reply.text, item)
      : defaultExtractAnswer(reply.text);
  }
  const raw = answer === undefined ? 0 : template.score(item, answer);
  const score = typeof raw === "boolean" ? (raw ? 1 : 0) : Math.min(1, Math.max(0, raw));
  return { itemId: item.id, score, answer, response };
}

/**
 * Puts each item to the target model and scores it: here with bounded concurrency, or through
 * `remote` (a work queue) under the sample's `scope`.
 */
export async function evaluateItems(options: {
  template: TuneTemplate;
  items: readonly TemplateItem[];
  model: LanguageModel;
  concurrency: number;
  signal?: AbortSignal | undefined;
  remote?: (RemoteTune & { scope: string }) | undefined;
}): Promise<{ measurement: Measurement; outcomes: ItemOutcome[] }> {
  const { template, model, remote } = options;
  const outcomes = remote
    ? await remote.evaluator.evaluateTemplateItems({
        runId: remote.runId,
        modelRef: remote.modelRef,
        template: remote.template,
        scope: remote.scope,
        items: options.items,
        signal: options.signal,
      })
    : await mapConcurrent(options.items, options.concurrency, async (item): Promise<ItemOutcome> => {
        const { itemId, score, answer } = await evaluateTemplateItem({
          template,
          item,
          model,
          signal: options.signal,
        });
        return { itemId, score, answer };
      });
  const correct = outcomes.reduce((sum, outcome) => sum + outcome.score, 0);
  return { measurement: measure(correct, outcomes.length), outcomes };
}
