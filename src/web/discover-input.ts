import { compareObjectiveResults, type DescriptionResult } from "../index.js";
import type { DiscoverSection } from "./report-sections.js";

/** A discover run's trajectory as stored (one checkpoint per description), with its winner when it finished. */
export interface DiscoverInput {
  domain?: string;
  stopReason?: string;
  /** The id the run's summary names; absent while it is running (the best ranked so far is shown). */
  winner?: string;
  trajectory: readonly DescriptionResult[];
}

/** The best scored row as discover ranks them: feasible first, then by objective value, then explored first. */
function bestSoFar(trajectory: readonly DescriptionResult[]): string | undefined {
  let best: DescriptionResult | undefined;
  for (const row of trajectory) {
    if (row.status !== "scored" || row.objective === undefined) continue;
    if (best?.objective === undefined || compareObjectiveResults(row.objective, best.objective) < 0)
      best = row;
  }
  return best?.id;
}

/**
 * The discover page's section: per description its difficulty, separability, novelty, salience and
 * objective (null: not computed), in the order explored, and the winner.
 */
export function discoverSection(input: DiscoverInput): DiscoverSection {
  const winner = input.winner ?? bestSoFar(input.trajectory);
  return {
    ...(input.domain === undefined ? {} : { domain: input.domain }),
    ...(input.stopReason === undefined ? {} : { stopReason: input.stopReason }),
    ...(winner === undefined ? {} : { winner }),
    descriptions: input.trajectory.map((row) => ({
      id: row.id,
      iteration: row.iteration,
      description: row.description,
      ...(row.parent === undefined ? {} : { parent: row.parent }),
      status: row.status,
      items: row.items,
      difficulty: row.scores?.difficulty ?? null,
      separability: row.scores?.separability ?? null,
      novelty: row.scores?.novelty ?? null,
      salience: row.salience.value ?? null,
      objective: row.objective?.value ?? null,
      feasible: row.objective?.feasible ?? null,
      accuracies: row.accuracies.map(({ model, accuracy, low, high }) => ({ model, accuracy, low, high })),
      failures: row.failures,
    })),
  };
}
