import type { ResolvedDiscoverOptions } from "./options.js";
import type { DescriptionResult } from "./state.js";

/** The cells of one trajectory row as text: every number with its interval, n/a with what it needs. */
export interface ResultCells {
  id: string;
  description: string;
  /** Candidate ref -> "0.40 [0.22, 0.61]" or "n/a — needs ...". */
  accuracies: Record<string, string>;
  difficulty: string;
  separability: string;
  novelty: string;
  salience: string;
  n: string;
  objective: string;
}

const fixed = (value: number) => value.toFixed(2);
const NOT_SCORED = (result: DescriptionResult) =>
  `n/a — needs ${result.status === "not-salient" ? "a salient description (it was skipped)" : "questions that passed the checks"}`;

/** Text cells for a trajectory row, shared by the proposer's prompt, the printed table and the report. */
export function describeResult(result: DescriptionResult, candidates: readonly string[]): ResultCells {
  const accuracies: Record<string, string> = {};
  for (const model of candidates) {
    const entry = result.accuracies.find((accuracy) => accuracy.model === model);
    accuracies[model] =
      entry === undefined
        ? "n/a — needs answers from this model"
        : `${fixed(entry.accuracy)} [${fixed(entry.low)}, ${fixed(entry.high)}]`;
  }
  const scores = result.scores;
  const salience =
    result.salience.value === undefined
      ? `n/a — needs ${result.salience.from}`
      : `${fixed(result.salience.value)} (${result.salience.from})`;
  return {
    id: result.parent === undefined ? result.id : `${result.id} < ${result.parent}`,
    description: result.description,
    accuracies,
    difficulty: scores === undefined ? NOT_SCORED(result) : fixed(scores.difficulty),
    separability: scores === undefined ? NOT_SCORED(result) : fixed(scores.separability),
    novelty:
      scores === undefined
        ? NOT_SCORED(result)
        : scores.novelty === undefined
          ? `n/a — ${scores.noveltyReason ?? "needs prior benchmarks"}`
          : `${fixed(scores.novelty)} (vs ${scores.noveltyPriors.join(", ")})`,
    salience,
    n: String(result.items),
    objective: describeObjective(result),
  };
}

function describeObjective(result: DescriptionResult): string {
  const objective = result.objective;
  if (objective === undefined) return NOT_SCORED(result);
  const notes = [
    ...objective.violated.map((violation) => violation.detail),
    ...objective.missing.map((missing) => `${missing.name} n/a — needs ${missing.needs}`),
  ];
  const status = objective.feasible ? "" : " infeasible";
  return `${objective.value.toFixed(3)}${status}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
}

/** The trajectory as the proposer reads it: one line per description, in the order explored. */
export function formatTrajectory(
  results: readonly DescriptionResult[],
  candidates: readonly string[],
): string {
  if (results.length === 0) return "(nothing explored yet)";
  return results
    .map((result) => {
      const cells = describeResult(result, candidates);
      const parent = result.parent === undefined ? "" : ` (refines ${result.parent})`;
      const accuracies = candidates.map((model) => `${model} ${cells.accuracies[model]}`).join(", ");
      return (
        `${result.id}${parent} "${result.description}" | accuracies: ${accuracies} | n=${cells.n}` +
        ` | difficulty ${cells.difficulty} | separability ${cells.separability} | novelty ${cells.novelty}` +
        ` | salience ${cells.salience} | objective ${cells.objective}`
      );
    })
    .join("\n");
}

/** The search's goals in words, for the proposer. */
export function describeDesiderata(
  options: ResolvedDiscoverOptions,
  weights: Record<string, number>,
): string {
  const band = options.targetAccuracy;
  const terms = Object.entries(weights)
    .map(([name, weight]) => `${weight}·${name}`)
    .join(" + ");
  return [
    "Desiderata: questions the candidate models get wrong (difficulty = 1 - the best model's accuracy),",
    "that tell the models apart (separability = mean absolute deviation of their accuracies), that rank the",
    "models differently from earlier benchmarks (novelty), and that matter to the domain (salience).",
    `Objective: ${terms}, subject to salience >= ${options.minSalience}` +
      (band === undefined ? "." : ` and the best model's accuracy within ${band.low}-${band.high}.`),
  ].join("\n");
}
