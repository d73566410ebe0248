import { basename } from "node:path";
import { readResultsFile } from "../../audit/load-results.js";
import { InvalidOptionError } from "../../core/errors.js";
import type { PriorResults } from "./options.js";

/**
 * Reads `--prior` files (what `benchsmith eval` writes) as prior benchmarks for novelty: each one's
 * LLM models' accuracies, named "<file name> (<benchmark>)". A file that shares no model with the
 * candidates cannot inform novelty, so it is an InvalidOptionError naming the file.
 */
export async function readPriorResults(
  paths: readonly string[],
  candidates: readonly string[],
): Promise<PriorResults[]> {
  const priors: PriorResults[] = [];
  for (const path of paths) {
    const results = await readResultsFile(path);
    const accuracies = results.models
      .filter((model) => model.kind === "llm")
      .map((model) => ({ model: model.model, accuracy: model.accuracy, n: model.total }));
    if (!accuracies.some((entry) => candidates.includes(entry.model)))
      throw new InvalidOptionError(
        "priors",
        `file ${path} has no result for any candidate (it has ${accuracies.map((entry) => entry.model).join(", ") || "none"})`,
        "priors must be eval results over the same candidate models",
      );
    priors.push({ name: `${basename(path)} (${results.benchmark})`, accuracies });
  }
  return priors;
}
