import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { mcnemarTest } from "../stats/index.js";
import { buildModelPairs } from "./model-pairs.js";
import type { ItemView, ModelSummary } from "./report-data.js";

const model = (name: string, kind: "llm" | "heuristic"): ModelSummary => ({
  model: name,
  kind,
  accuracy: 0,
  interval: { estimate: 0, low: 0, high: 0 },
  correct: 0,
  total: 0,
  unparseable: 0,
  byDifficulty: [],
});

describe("buildModelPairs", () => {
  it("counts each llm pair on the items both answered, with McNemar on the discordant ones", () => {
    const rng = createRng(11);
    const models = [model("a", "llm"), model("longest", "heuristic"), model("b", "llm"), model("c", "llm")];
    const items: ItemView[] = Array.from({ length: 500 }, (_, index) => ({
      id: `q${index}`,
      format: "mcq",
      question: "?",
      answer: "A",
      // Each model skips some items; the heuristic answers all.
      answers: models.map(() => (rng.next() < 0.1 ? null : [rng.next() < 0.6, "A", "A"])),
    }));
    const pairs = buildModelPairs(items, models);
    expect(pairs.map((pair) => `${pair.modelA}-${pair.modelB}`)).toEqual(["a-b", "a-c", "b-c"]);
    for (const pair of pairs) {
      const [a, b] = [pair.modelA, pair.modelB].map((name) => models.findIndex((m) => m.model === name));
      const shared = items.filter((item) => item.answers[a as number] && item.answers[b as number]);
      const correctA = shared.map((item) => item.answers[a as number]?.[0] === true);
      const correctB = shared.map((item) => item.answers[b as number]?.[0] === true);
      const expected = mcnemarTest({ correctA, correctB });
      expect(pair).toMatchObject({ onlyA: expected.onlyA, onlyB: expected.onlyB, exactP: expected.exactP });
      expect(pair.both).toBe(correctA.filter((right, index) => right && correctB[index]).length);
      expect(pair.both + pair.onlyA + pair.onlyB + pair.neither).toBe(shared.length);
    }
  });
});
