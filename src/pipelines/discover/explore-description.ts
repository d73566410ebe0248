import type { Item } from "../../core/item.js";
import { CHECKPOINT_KEYS } from "./checkpoint.js";
import type { DiscoverEnv } from "./discover-env.js";
import { evaluateCandidates } from "./evaluate-candidates.js";
import { judgeSalience } from "./judge-salience.js";
import { measureDescription } from "./measure-description.js";
import {
  type BatchRecord,
  type CandidateBatch,
  type Description,
  type DescriptionResult,
  DescriptionResultSchema,
  SalienceRecordSchema,
} from "./state.js";
import { writeBatch } from "./write-batch.js";

/**
 * A run's environment with, under `--queue`, where the candidates answer. scale-up hands the same
 * object on as a plain DiscoverEnv, so its batches go to the workers too.
 */

/** Writes one more batch for a description and has every candidate answer it. */
export async function runBatch(options: {
  env: DiscoverEnv;
  description: Description;
  batch: number;
  existing: readonly Item[];
}): Promise<{ record: BatchRecord; answers: CandidateBatch[] }> {
  const { env, description, batch } = options;
  const record = await writeBatch({
    checkpoints: env.checkpoints,
    description,
    batch,
    existing: options.existing,
    source: env.source,
    writer: env.writer,
    writerRef: env.options.writer,
    judge: env.judge.model,
    settings: env.options,
    signal: env.signal,
  });
  if (record.items.length === 0) return { record, answers: [] };
  const answers = await evaluateCandidates({
    checkpoints: env.checkpoints,
    descriptionId: description.id,
    batch,
    items: record.items,
    candidates: env.candidates,
    judge: env.judge,
    concurrency: env.options.concurrency,
    seed: env.options.seed,
    signal: env.signal,
    remote: env.remote,
  });
  return { record, answers };
}

/**
 * One description of the search: salience first (a description below --min-salience is not written
 * at all, saving its calls), then batch 0 written and answered, then its scores. The row is stored
 * as the step's checkpoint.
 */
export function exploreDescription(options: {
  env: DiscoverEnv;
  description: Description;
  explored: readonly DescriptionResult[];
}): Promise<DescriptionResult> {
  const { env, description } = options;
  return env.checkpoints.once(CHECKPOINT_KEYS.result(description.id), DescriptionResultSchema, async () => {
    const retrieval = env.source.kind === "retrieval" ? env.source.source : undefined;
    const salience = await env.checkpoints.once(
      CHECKPOINT_KEYS.salience(description.id),
      SalienceRecordSchema,
      () =>
        judgeSalience({
          domain: env.options.domain,
          description: description.description,
          judge: env.judge.model,
          judgeRef: env.judge.ref,
          sourceSalience: retrieval?.salience?.bind(retrieval),
          seed: env.options.seed,
          signal: env.signal,
        }),
    );
    const base = { ...description, salience };
    if (salience.value !== undefined && salience.value < env.options.minSalience) {
      return {
        ...base,
        status: "not-salient" as const,
        failures: [
          `salience ${salience.value} is below --min-salience ${env.options.minSalience}; not written`,
        ],
        items: 0,
        rejected: 0,
        accuracies: [],
      };
    }
    const { record, answers } = await runBatch({ env, description, batch: 0, existing: [] });
    return measureDescription({
      env,
      base,
      batches: [record],
      answers: [answers],
      explored: options.explored,
    });
  });
}
