import type { PipelineContext } from "../core/context.js";
import type { Item } from "../core/item.js";
import type { LanguageModel } from "../core/language-model.js";
import type { EvaluationRecord } from "../core/store-spec.js";
import { generateText } from "../llm/generate.js";
import { buildEvalPrompt } from "./build-prompt.js";
import { gradeReply } from "./grade-reply.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";

export interface RunEvaluationOptions {
  items: readonly Item[];
  /** Model refs, resolved through the context (cache, retry, cost middleware included). */
  models: readonly string[];
  chainOfThought: boolean;
  /** Judge model ref for open items that do not match the reference. */
  judge?: string | undefined;
  /** Replies in flight at once, across models (default 4). */
  concurrency?: number | undefined;
}

/** Every (model, item) outcome, in model-then-item order. */
export interface RunEvaluationResult {
  records: EvaluationRecord[];
  /** How many outcomes came from the store (resume) instead of a model call. */
  reused: number;
}

/**
 * Asks every model every item at temperature 0, grades each reply and stores each outcome as
 * soon as it is graded, so a crash loses nothing; outcomes already stored for this run
 * (`--resume`) are reused without calling the model.
 */
export async function runEvaluation(
  options: RunEvaluationOptions,
  context: PipelineContext,
): Promise<RunEvaluationResult> {
  const stored = new Map<string, EvaluationRecord>();
  for (const record of await context.store.listEvaluations(context.runId))
    stored.set(pairKey(record.modelRef, record.itemId), record);
  const models = new Map<string, LanguageModel>(
    options.models.map((ref) => [ref, context.resolveModel(ref)]),
  );
  const judge = options.judge
    ? { ref: options.judge, model: context.resolveModel(options.judge) }
    : undefined;
  const pairs = options.models.flatMap((modelRef) => options.items.map((item) => ({ modelRef, item })));
  let reused = 0;

  context.progress.start("evaluating", pairs.length);
  const records = await mapWithConcurrency({
    inputs: pairs,
    concurrency: options.concurrency ?? 4,
    signal: context.signal,
    task: async ({ modelRef, item }) => {
      const previous = stored.get(pairKey(modelRef, item.id));
      if (previous !== undefined) {
        reused++;
        context.progress.advance(1);
        return previous;
      }
      const prompt = buildEvalPrompt(item, { chainOfThought: options.chainOfThought });
      const response = await generateText({
        model: models.get(modelRef) as LanguageModel,
        system: prompt.system,
        prompt: prompt.prompt,
        temperature: 0,
        ...(context.signal ? { abortSignal: context.signal } : {}),
      });
      const grade = await gradeReply({ item, reply: response.text, judge, abortSignal: context.signal });
      const record: EvaluationRecord = {
        runId: context.runId,
        modelRef,
        itemId: item.id,
        response: response.text,
        extracted: grade.extracted ?? undefined,
        correct: grade.correct,
        score: grade.correct ? 1 : 0,
        details: {
          ...grade.details,
          chainOfThought: options.chainOfThought,
          finishReason: response.finishReason,
        },
      };
      await context.store.putEvaluations([record]);
      context.progress.advance(1);
      return record;
    },
  });
  context.progress.finish(reused > 0 ? `${reused} reused from the store` : undefined);
  return { records, reused };
}

function pairKey(modelRef: string, itemId: string): string {
  return `${modelRef}\u0000${itemId}`;
}
