import type { z } from "zod";
import { UserInputError } from "../core/errors.js";
import { parseJson } from "../core/json.js";
import { type EvalResults, EvalResultsSchema } from "../evaluate/results-schema.js";
import { readUserFile } from "../io/read-user-file.js";
import { buildCorrectnessMatrix } from "../metrics/correctness-matrix.js";
import type { AccuracyTable, CorrectnessMatrix } from "../metrics/types.js";

/** Reads and validates a results file written by `benchsmith eval`. */
export async function readResultsFile(path: string): Promise<EvalResults> {
  const text = await readUserFile(path, "pass the file `benchsmith eval` wrote");
  const json = parseJson(text);
  if (!json.success)
    throw new UserInputError(`${path} is not valid JSON`, "pass the results.json `benchsmith eval` wrote");
  const parsed = EvalResultsSchema.safeParse(json.value);
  if (!parsed.success) throw notResultsFile(path, parsed.error);
  return parsed.data;
}

/** The one-line error for a JSON file that is not an eval results file, naming its first problem. */
export function notResultsFile(path: string, error: z.ZodError): UserInputError {
  const issue = error.issues[0];
  return new UserInputError(
    `${path} is not an eval results file: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
    "produce it with `benchsmith eval bench.jsonl --models ... --out results.json`",
  );
}

/** Correctness matrix of the LLM models (heuristic baselines are not test-takers) on items all of them answered. */
export function matrixFromResults(
  results: EvalResults,
  itemIds?: readonly string[],
): { matrix: CorrectnessMatrix; droppedItems: number } {
  const outcomes = results.models
    .filter((model) => model.kind === "llm")
    .map((model) => ({
      model: model.model,
      correctById: new Map(model.outcomes.map((outcome) => [outcome.itemId, outcome.correct])),
    }));
  return buildCorrectnessMatrix({ outcomes, ...(itemIds ? { itemIds } : {}) });
}

/** Model accuracies as recorded in a results file (reference or paraphrased-demand benchmark). */
export function accuracyTable(results: EvalResults, source: string): AccuracyTable {
  return {
    source,
    accuracies: new Map(
      results.models.filter((model) => model.kind === "llm").map((model) => [model.model, model.accuracy]),
    ),
  };
}
