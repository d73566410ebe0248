import { choosePriors } from "./choose-priors.js";
import type { DiscoverEnv } from "./discover-env.js";
import { pooledAccuracies, scoreDescription } from "./score-description.js";
import type { BatchRecord, CandidateBatch, DescriptionResult } from "./state.js";

/** "support 3, leakage 1": rejection reasons counted by the check that failed. */
function summariseRejections(rejected: readonly { reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const { reason } of rejected) {
    const check = reason.split(":")[0] ?? reason;
    counts.set(check, (counts.get(check) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([check, count]) => `${check} ${count}`)
    .join(", ");
}

/**
 * Turns a description's written batches and its candidates' answers into its trajectory row: what
 * was lost on the way (each with its reason), the pooled accuracies, and the scores against the
 * priors chosen for it (see choosePriors).
 */
export function measureDescription(options: {
  env: DiscoverEnv;
  base: Omit<
    DescriptionResult,
    "status" | "accuracies" | "scores" | "objective" | "items" | "rejected" | "failures"
  >;
  batches: readonly BatchRecord[];
  answers: readonly CandidateBatch[][];
  explored: readonly DescriptionResult[];
}): DescriptionResult {
  const { env, batches } = options;
  const failures: string[] = batches.flatMap((batch) => (batch.failure === undefined ? [] : [batch.failure]));
  const rejected = batches.flatMap((batch) => batch.rejected);
  const items = batches.reduce((sum, batch) => sum + batch.items.length, 0);
  if (items === 0 && rejected.length > 0)
    failures.push(
      `all ${rejected.length} written questions were rejected (${summariseRejections(rejected)})`,
    );
  for (const answer of options.answers.flat())
    if (answer.failure !== undefined) failures.push(answer.failure);
  const accuracies = pooledAccuracies(options.answers, env.options.candidates);
  const priors = choosePriors({
    given: env.options.priors,
    explored: options.explored,
    models: accuracies.length,
    noveltyPriors: env.options.noveltyPriors,
  });
  return scoreDescription({
    base: { ...options.base, failures, items, rejected: rejected.length },
    accuracies,
    priors,
    prediction: env.options.novelty,
    objective: env.objective,
    settings: env.objectiveSettings,
  });
}
