import { describeResult, type ResultCells } from "./describe-result.js";
import { countReasons } from "./discover-errors.js";
import type { DiscoverResult } from "./run-discover.js";
import type { DescriptionResult } from "./state.js";

/** The discovery report JSON: the trajectory with every number and what it came from, the winner, the kept rows. */
export interface DiscoveryReport {
  kind: "benchsmith-discovery-report";
  version: 1;
  runId: string;
  domain: string;
  status: DiscoverResult["status"];
  stopReason: string | null;
  settings: Record<string, unknown>;
  /** How the prior benchmarks of novelty were chosen. */
  noveltyRule: string;
  trajectory: (DescriptionResult & { cells: ResultCells })[];
  proposals: {
    iteration: number;
    proposed: string[];
    rejected: { description: string; reason: string }[];
    failure: string | null;
  }[];
  winner: DescriptionResult | null;
  /** The kept descriptions as measured on the final benchmark's items (search rows when it stopped before). */
  kept: (DescriptionResult & { target: number | null })[];
  itemCount: number;
  failures: string[];
  warnings: string[];
}

/** Builds the report JSON from a finished (or stopped) run. */
export function buildDiscoveryReport(result: DiscoverResult): DiscoveryReport {
  const { options } = result;
  const { priors: given, ...settings } = options;
  const kept =
    result.finals.length > 0
      ? result.finals.map((final) => ({ ...final.result, target: final.target }))
      : result.ranked.slice(0, options.keep).map((row) => ({ ...row, target: null }));
  return {
    kind: "benchsmith-discovery-report",
    version: 1,
    runId: result.runId,
    domain: options.domain,
    status: result.status,
    stopReason: result.stopReason ?? null,
    settings: { ...settings, source: result.source, priors: given.map((prior) => prior.name) },
    noveltyRule:
      `novelty (${options.novelty}) is predicted from the --prior results first, then the descriptions already ` +
      `explored, most recent first, at most min(--novelty-priors ${options.noveltyPriors}, models - 2) of them`,
    trajectory: result.trajectory.map((row) => ({ ...row, cells: describeResult(row, options.candidates) })),
    proposals: result.proposals.map((step, iteration) => ({
      iteration,
      proposed: step.descriptions.map((description) => description.id),
      rejected: step.rejected,
      failure: step.failure ?? null,
    })),
    winner: kept[0] ?? null,
    kept,
    itemCount: result.items.length,
    failures: countReasons(result.trajectory.flatMap((row) => row.failures)),
    warnings: result.warnings,
  };
}

/** The trajectory as table rows: description, each candidate's accuracy [interval], scores, n, objective. */
export function trajectoryRows(
  rows: readonly DescriptionResult[],
  candidates: readonly string[],
): Record<string, string>[] {
  return rows.map((row) => {
    const cells = describeResult(row, candidates);
    return {
      id: cells.id,
      description: cells.description,
      ...cells.accuracies,
      difficulty: cells.difficulty,
      separability: cells.separability,
      novelty: cells.novelty,
      salience: cells.salience,
      n: cells.n,
      objective: cells.objective,
    };
  });
}
