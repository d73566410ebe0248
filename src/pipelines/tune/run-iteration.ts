import type { LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import { evaluateItems, type Measurement, measure, type RemoteTune } from "./evaluate-items.js";
import type { HistoryEntry, PendingProposal } from "./history.js";
import type { TuneTemplate } from "./template.js";

/**
 * Measures one proposal on fresh items; if it lands within tolerance, re-measures on another
 * fresh sample. Confirmed = the pooled accuracy (first + fresh) is within tolerance AND the fresh
 * sample's own accuracy is within max(tolerance, one standard error sqrt(t(1-t)/n)) of the target t.
 * (Demanding the fresh sample alone be within a tolerance smaller than its own noise would reject
 * on-target params most of the time; a Wilson interval alone is too wide: it let 0.35 confirm 0.5.)
 */
export async function runIteration(options: {
  template: TuneTemplate;
  proposal: PendingProposal;
  iteration: number;
  seed: number;
  itemsPerIter: number;
  target: number;
  tolerance: number;
  model: LanguageModel;
  concurrency: number;
  signal?: AbortSignal | undefined;
  /** Answer on queue workers instead of here; each sample is its own scope ("iteration-3", "confirm-3"). */
  remote?: RemoteTune | undefined;
}): Promise<HistoryEntry> {
  const { template, proposal, iteration } = options;
  const sample = async (label: string): Promise<Measurement> => {
    const items = template.generate(
      proposal.params,
      createRng(`${options.seed}:${label}:${iteration}`),
      options.itemsPerIter,
    );
    const evaluated = await evaluateItems({
      template,
      items,
      model: options.model,
      concurrency: options.concurrency,
      signal: options.signal,
      remote: options.remote && { ...options.remote, scope: `${label}-${iteration}` },
    });
    return evaluated.measurement;
  };
  const measurement = await sample("iteration");
  const within = (accuracy: number) => Math.abs(accuracy - options.target) <= options.tolerance + 1e-12;
  let confirmation: Measurement | undefined;
  let pooled = measurement;
  let confirmed = false;
  if (within(measurement.accuracy)) {
    confirmation = await sample("confirm");
    pooled = measure(measurement.correct + confirmation.correct, measurement.total + confirmation.total);
    const standardError = Math.sqrt((options.target * (1 - options.target)) / confirmation.total);
    confirmed =
      within(pooled.accuracy) &&
      Math.abs(confirmation.accuracy - options.target) <= Math.max(options.tolerance, standardError) + 1e-12;
  }
  return {
    iteration,
    designer: proposal.designer,
    params: proposal.params,
    rationale: proposal.rationale,
    ...(proposal.fallback ? { fallback: proposal.fallback } : {}),
    measurement,
    ...(confirmation ? { confirmation } : {}),
    pooled,
    confirmed,
  };
}
