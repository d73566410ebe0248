import { mcnemarTest } from "../index.js";
import type { ItemView, ModelSummary } from "./report-data.js";
import type { PairSummary } from "./report-sections.js";

/**
 * Model vs model for every pair of llm models, on the items both answered: how many only one got
 * right, and McNemar's exact and mid-p on those discordant items.
 */
export function buildModelPairs(items: readonly ItemView[], models: readonly ModelSummary[]): PairSummary[] {
  const llm = models.flatMap((model, index) => (model.kind === "llm" ? [index] : []));
  const pairs: PairSummary[] = [];
  for (const [position, a] of llm.entries()) {
    for (const b of llm.slice(position + 1)) {
      const correctA: boolean[] = [];
      const correctB: boolean[] = [];
      for (const item of items) {
        const answerA = item.answers[a];
        const answerB = item.answers[b];
        if (!answerA || !answerB) continue;
        correctA.push(answerA[0]);
        correctB.push(answerB[0]);
      }
      const test = mcnemarTest({ correctA, correctB });
      const both = correctA.filter((correct, index) => correct && correctB[index]).length;
      pairs.push({
        modelA: models[a]?.model ?? "",
        modelB: models[b]?.model ?? "",
        onlyA: test.onlyA,
        onlyB: test.onlyB,
        both,
        neither: correctA.length - both - test.onlyA - test.onlyB,
        exactP: test.exactP,
        midP: test.midP,
      });
    }
  }
  return pairs;
}
