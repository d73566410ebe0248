import { type EvalResults, mcnemarTest } from "../index.js";
import { REPORT_LIMITS, type RunComparison } from "./report-sections.js";

/**
 * Run vs run: each model present in both results files, on the items both runs answered — accuracy
 * in each, items gained and lost, McNemar's exact p, and the ids that flipped (capped).
 */
export function compareRuns(base: EvalResults, other: EvalResults, label: string): RunComparison {
  const models: RunComparison["models"] = [];
  const shared = new Set<string>();
  for (const baseModel of base.models) {
    const otherModel = other.models.find((candidate) => candidate.model === baseModel.model);
    if (!otherModel) continue;
    const otherById = new Map(otherModel.outcomes.map((outcome) => [outcome.itemId, outcome.correct]));
    const correctBase: boolean[] = [];
    const correctOther: boolean[] = [];
    const flipped: string[] = [];
    for (const outcome of baseModel.outcomes) {
      const otherCorrect = otherById.get(outcome.itemId);
      if (otherCorrect === undefined) continue;
      shared.add(outcome.itemId);
      correctBase.push(outcome.correct);
      correctOther.push(otherCorrect);
      if (otherCorrect !== outcome.correct && flipped.length < REPORT_LIMITS.flipped)
        flipped.push(outcome.itemId);
    }
    const test = mcnemarTest({ correctA: correctOther, correctB: correctBase });
    const count = correctBase.length;
    models.push({
      model: baseModel.model,
      accuracyBase: count === 0 ? 0 : correctBase.filter(Boolean).length / count,
      accuracyOther: count === 0 ? 0 : correctOther.filter(Boolean).length / count,
      gained: test.onlyA,
      lost: test.onlyB,
      exactP: test.exactP,
      flipped,
    });
  }
  return { label, sharedItems: shared.size, models };
}
