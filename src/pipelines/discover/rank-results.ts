import { compareObjectiveResults } from "../../metrics/discover/objective.js";
import type { DescriptionResult } from "./state.js";

/**
 * The scored descriptions, best first: feasible before infeasible, then by objective value; equal
 * ones keep the order they were explored in. Rows without an objective are left out.
 */
export function rankResults(results: readonly DescriptionResult[]): DescriptionResult[] {
  return results
    .filter((result) => result.status === "scored" && result.objective !== undefined)
    .map((result, order) => ({ result, order }))
    .sort(
      (a, b) =>
        compareObjectiveResults(
          a.result.objective as NonNullable<DescriptionResult["objective"]>,
          b.result.objective as NonNullable<DescriptionResult["objective"]>,
        ) || a.order - b.order,
    )
    .map(({ result }) => result);
}
