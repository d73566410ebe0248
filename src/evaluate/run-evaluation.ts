import type { PipelineContext, ProgressReporter } from "../core/context.js";
import type { Item } from "../core/item.js";
import type { LanguageModel } from "../core/language-model.js";
import type { EvaluationRecord, RunStore } from "../core/store-spec.js";
import { generateText } from "../llm/generate.js";
import { buildEvalPrompt } from "./build-prompt.js";
import { gradeReply } from "./grade-reply.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";

/** One (model, item) answer task: what a worker needs to run it anywhere (no paths, no keys). */
export interface EvalPair {
  modelRef: string;
  item: Item;
}

/**
 * Runs (model, item) tasks somewhere else (a work queue) instead of in this process. Resolves once the
 * outcome of every pair is committed to the run's store; the store, not the transport, is the truth.
 */
export interface RemoteEvaluator {
  evaluate(request: {
    runId: string;
    pairs: readonly EvalPair[];
    chainOfThought: boolean;
    judge: string | undefined;
    progress: ProgressReporter;
    signal: AbortSignal | undefined;
  }): Promise<void>;
}

export interface RunEvaluationOptions {
  items: readonly Item[];
  /** Model refs, resolved through the context (cache, retry, cost middleware included). */
  models: readonly string[];
  chainOfThought: boolean;
  /** Judge model ref for open items that do not match the reference. */
  judge?: string | undefined;
  /** Replies in flight at once, across models (default 4). */
  concurrency?: number | undefined;
  /** Hand the tasks missing from the store to workers (`--queue`); absent: run them here. */
  remote?: RemoteEvaluator | undefined;
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
  const stored = await storedOutcomes(context.store, context.runId);
  const pairs = options.models.flatMap((modelRef) => options.items.map((item) => ({ modelRef, item })));
  const missing = pairs.filter(({ modelRef, item }) => !stored.has(pairKey(modelRef, item.id)));
  const reused = pairs.length - missing.length;
  context.progress.start("evaluating", pairs.length);
  context.progress.advance(reused);
  const records = options.remote
    ? await runRemotely(options.remote, options, missing, pairs, context)
    : await runHere(options, pairs, stored, context);
  context.progress.finish(reused > 0 ? `${reused} reused from the store` : undefined);
  return { records, reused };
}

async function runHere(
  options: RunEvaluationOptions,
  pairs: readonly EvalPair[],
  stored: ReadonlyMap<string, EvaluationRecord>,
  context: PipelineContext,
): Promise<EvaluationRecord[]> {
  const models = new Map<string, LanguageModel>(
    options.models.map((ref) => [ref, context.resolveModel(ref)]),
  );
  const judge = options.judge
    ? { ref: options.judge, model: context.resolveModel(options.judge) }
    : undefined;
  return mapWithConcurrency({
    inputs: pairs,
    concurrency: options.concurrency ?? 4,
    signal: context.signal,
    task: async ({ modelRef, item }) => {
      const previous = stored.get(pairKey(modelRef, item.id));
      if (previous !== undefined) return previous;
      const model = models.get(modelRef) ?? context.resolveModel(modelRef);
      const record = await evaluatePair({
        runId: context.runId,
        modelRef,
        model,
        item,
        chainOfThought: options.chainOfThought,
        judge,
        signal: context.signal,
      });
      await context.store.putEvaluations([record]);
      context.progress.advance(1);
      return record;
    },
  });
}

async function runRemotely(
  remote: RemoteEvaluator,
  options: RunEvaluationOptions,
  missing: readonly EvalPair[],
  pairs: readonly EvalPair[],
  context: PipelineContext,
): Promise<EvaluationRecord[]> {
  if (missing.length > 0) {
    await remote.evaluate({
      runId: context.runId,
      pairs: missing,
      chainOfThought: options.chainOfThought,
      judge: options.judge,
      progress: context.progress,
      signal: context.signal,
    });
  }
  // Read back what the workers committed: the results are the store's, in the in-process order.
  const stored = await storedOutcomes(context.store, context.runId);
  return pairs.map(({ modelRef, item }) => {
    const record = stored.get(pairKey(modelRef, item.id));
    if (record === undefined) throw new Error(`remote evaluation left ${modelRef} / ${item.id} unstored`);
    return record;
  });
}

/**
 * One (model, item) task: the prompt, one reply at temperature 0, its grade (the judge for open
 * items that miss the reference). Not stored here: the caller commits it.
 */
export async function evaluatePair(options: {
  runId: string;
  modelRef: string;
  model: LanguageModel;
  item: Item;
  chainOfThought: boolean;
  judge: { ref: string; model: LanguageModel } | undefined;
  signal: AbortSignal | undefined;
}): Promise<EvaluationRecord> {
  const { item, chainOfThought, signal } = options;
  const prompt = buildEvalPrompt(item, { chainOfThought });
  const response = await generateText({
    model: options.model,
    system: prompt.system,
    prompt: prompt.prompt,
    temperature: 0,
    ...(signal ? { abortSignal: signal } : {}),
  });
  const grade = await gradeReply({ item, reply: response.text, judge: options.judge, abortSignal: signal });
  return {
    runId: options.runId,
    modelRef: options.modelRef,
    itemId: item.id,
    response: response.text,
    extracted: grade.extracted ?? undefined,
    correct: grade.correct,
    score: grade.correct ? 1 : 0,
    details: { ...grade.details, chainOfThought, finishReason: response.finishReason },
  };
}

/** A run's stored outcomes by pairKey (the in-process path, the coordinator and the workers all check these). */
export async function storedOutcomes(store: RunStore, runId: string): Promise<Map<string, EvaluationRecord>> {
  const stored = new Map<string, EvaluationRecord>();
  for (const record of await store.listEvaluations(runId))
    stored.set(pairKey(record.modelRef, record.itemId), record);
  return stored;
}

/** The store's key of an outcome (unique per run). */
export function pairKey(modelRef: string, itemId: string): string {
  return `${modelRef}\u0000${itemId}`;
}
