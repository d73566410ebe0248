import type { PipelineContext } from "../core/context.js";
import { UserInputError } from "../core/errors.js";
import { type Item, letterFor } from "../core/item.js";
import { createRng } from "../core/rng.js";
import { answerArtifactFlags } from "./answer-artifacts.js";
import { type EvalSettings, resolveEvalSettings } from "./eval-options.js";
import {
  chanceAccuracy,
  choiceItems,
  HEURISTIC_RNG_STREAM,
  runHeuristicBaselines,
} from "./heuristic-baselines.js";
import { buildModelResult, rankConfidenceMatrix } from "./leaderboard.js";
import type { EvalResults, ModelResult } from "./results-schema.js";
import { type RemoteEvaluator, runEvaluation } from "./run-evaluation.js";

export interface EvaluateBenchmarkOptions extends EvalSettings {
  items: readonly Item[];
  /** Name or path of the benchmark, recorded in the results. */
  benchmark: string;
  /** Run the (model, item) tasks on queue workers instead of in this process (`--queue`). */
  remote?: RemoteEvaluator | undefined;
}

/** A model whose replies are this often unreadable gets a flag: its accuracy measures format, not knowledge. */
const UNPARSEABLE_FLAG_SHARE = 0.2;

/**
 * Evaluates models on a benchmark: every model answers every item (stored as it goes,
 * resumable), the heuristic baselines run without any LLM, and the leaderboard gets Wilson
 * intervals, per-difficulty accuracy, the rank-confidence matrix and answer-artifact flags.
 */
export async function evaluateBenchmark(
  options: EvaluateBenchmarkOptions,
  context: PipelineContext,
): Promise<EvalResults> {
  const settings = resolveEvalSettings(options);
  const { chainOfThought, concurrency, limit } = settings;
  const items = limit === undefined ? [...options.items] : options.items.slice(0, limit);
  if (items.length === 0) throw new UserInputError("the benchmark has no items", "check the JSONL file");

  const { records } = await runEvaluation(
    {
      items,
      models: settings.models,
      chainOfThought,
      judge: settings.judge,
      concurrency,
      remote: options.remote,
    },
    context,
  );
  const llmResults: ModelResult[] = settings.models.map((model) =>
    buildModelResult({
      model,
      kind: "llm",
      items,
      outcomes: records
        .filter((record) => record.modelRef === model)
        .map((record) => ({
          itemId: record.itemId,
          correct: record.correct,
          extracted: record.extracted ?? null,
          raw: record.response,
        })),
    }),
  );

  const choices = choiceItems(items);
  const chance = chanceAccuracy(choices);
  const baselines = runHeuristicBaselines(items, createRng(settings.seed).fork(HEURISTIC_RNG_STREAM));
  const heuristicResults = baselines.map((baseline) =>
    buildModelResult({
      model: baseline.id,
      kind: "heuristic",
      items,
      description: baseline.description,
      expectedAccuracy: baseline.probesArtifacts ? undefined : chance,
      outcomes: baseline.predictions.map((prediction) => ({
        itemId: prediction.itemId,
        correct: prediction.correct,
        extracted: prediction.predicted >= 0 ? letterFor(prediction.predicted) : null,
        raw: "",
      })),
    }),
  );

  const flags = [
    ...answerArtifactFlags(
      baselines
        .filter((baseline) => baseline.probesArtifacts)
        .map((baseline) => ({ id: baseline.id, correct: baseline.correct, total: baseline.total, chance })),
    ),
    ...llmResults
      .filter((result) => result.total > 0 && result.unparseable / result.total > UNPARSEABLE_FLAG_SHARE)
      .map(
        (result) =>
          `${result.model}: ${result.unparseable} of ${result.total} replies had no readable answer ` +
          "(counted wrong; see outcomes[].raw, or try --cot)",
      ),
  ];

  return {
    benchmark: options.benchmark,
    itemCount: items.length,
    createdAt: new Date().toISOString(),
    runId: context.runId,
    models: [...llmResults, ...heuristicResults],
    rankConfidence: rankConfidenceMatrix(llmResults),
    rankModels: llmResults.map((result) => result.model),
    flags,
    chanceAccuracy: chance,
    settings: { chainOfThought, judge: settings.judge ?? null, concurrency, seed: settings.seed },
  };
}
