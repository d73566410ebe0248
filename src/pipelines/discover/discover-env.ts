import type { Logger, PipelineContext, ProgressReporter } from "../../core/context.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { DiscoverObjective, ObjectiveSettings } from "../../metrics/discover/objective.js";
import { OBJECTIVES } from "../../metrics/discover/objectives.js";
import { type Checkpoints, createCheckpoints } from "./checkpoint.js";
import type { RemoteCandidates } from "./evaluate-candidates.js";
import type { DiscoverSource } from "./open-discover-source.js";
import type { ResolvedDiscoverOptions } from "./options.js";

/** What every step of one discover run shares: options, models, source, objective, checkpoints. */
export interface DiscoverEnv {
  options: ResolvedDiscoverOptions;
  checkpoints: Checkpoints;
  source: DiscoverSource;
  proposer: LanguageModel;
  writer: LanguageModel;
  judge: { model: LanguageModel; ref: string };
  candidates: { ref: string; model: LanguageModel }[];
  objective: DiscoverObjective;
  objectiveSettings: ObjectiveSettings;
  /** The objective's weights in force (its defaults, overridden by `weights`). */
  weights: Record<string, number>;
  log: Logger;
  progress: ProgressReporter;
  signal?: AbortSignal | undefined;
  /** A work queue (`--queue`): the candidates' answers run on its workers. */
  remote?: RemoteCandidates | undefined;
}

/** Resolves every model up front, so a bad model ref fails before any call is made. */
export function createDiscoverEnv(
  options: ResolvedDiscoverOptions,
  context: PipelineContext,
  source: DiscoverSource,
): DiscoverEnv {
  const objective: DiscoverObjective = OBJECTIVES[options.objective as keyof typeof OBJECTIVES];
  const weights = { ...objective.defaultWeights, ...options.weights };
  return {
    options,
    checkpoints: createCheckpoints(context.store, context.runId),
    source,
    proposer: context.resolveModel(options.proposer),
    writer: context.resolveModel(options.writer),
    judge: { model: context.resolveModel(options.judge), ref: options.judge },
    candidates: options.candidates.map((ref) => ({ ref, model: context.resolveModel(ref) })),
    objective,
    objectiveSettings: {
      weights,
      minSalience: options.minSalience,
      ...(options.targetAccuracy === undefined ? {} : { targetBand: options.targetAccuracy }),
    },
    weights,
    log: context.log,
    progress: context.progress,
    signal: context.signal,
  };
}
