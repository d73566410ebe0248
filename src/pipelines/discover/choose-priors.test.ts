import { describe, expect, it } from "vitest";
import { novelty } from "../../metrics/discover/novelty.js";
import { OBJECTIVES } from "../../metrics/discover/objectives.js";
import { choosePriors } from "./choose-priors.js";
import { scoreDescription } from "./score-description.js";
import type { DescriptionResult } from "./state.js";

const models = ["a", "b", "c", "d", "e"];
const vector = (values: number[]) =>
  values.map((accuracy, index) => ({ model: models[index] as string, accuracy, n: 20 }));
function row(
  id: string,
  values: number[],
  status: DescriptionResult["status"] = "scored",
): DescriptionResult {
  return {
    id,
    iteration: 0,
    description: id,
    status,
    failures: [],
    items: 20,
    rejected: 0,
    accuracies: vector(values).map((entry) => ({ ...entry, low: 0, high: 1 })),
    salience: { value: 0.9, from: "judged" },
  };
}

describe("choosePriors", () => {
  const given = [{ name: "mmlu.json (mmlu)", accuracies: vector([0.9, 0.8, 0.7, 0.6, 0.5]) }];
  const explored = [
    row("D1", [0.5, 0.4, 0.3, 0.2, 0.1]),
    row("D2", [0.1, 0.2, 0.3, 0.4, 0.5]),
    row("D3", [], "failed"),
    row("D4", [0.3, 0.3, 0.2, 0.2, 0.1]),
  ];

  it("takes the --prior results first, then explored rows most recent first, at most min(cap, models - 2)", () => {
    expect(choosePriors({ given, explored, models: 5, noveltyPriors: 3 }).map((prior) => prior.name)).toEqual(
      ["mmlu.json (mmlu)", "D4", "D2"],
    );
    expect(
      choosePriors({ given, explored, models: 5, noveltyPriors: 10 }).map((prior) => prior.name),
    ).toHaveLength(3);
    expect(
      choosePriors({ given, explored, models: 3, noveltyPriors: 10 }).map((prior) => prior.name),
    ).toEqual(["mmlu.json (mmlu)"]);
    expect(choosePriors({ given: [], explored, models: 2, noveltyPriors: 10 })).toEqual([]);
  });

  it("scores novelty from exactly those priors, as the metric computes it", () => {
    const priors = choosePriors({ given, explored, models: 5, noveltyPriors: 2 });
    const current = [0.2, 0.6, 0.4, 0.8, 0.3];
    const scored = scoreDescription({
      base: {
        id: "D5",
        iteration: 1,
        description: "D5",
        failures: [],
        items: 20,
        rejected: 0,
        salience: { value: 0.9, from: "judged" },
      },
      accuracies: vector(current),
      priors,
      prediction: "in-sample",
      objective: OBJECTIVES.autobencher,
      settings: { weights: { difficulty: 1, novelty: 1, separability: 0.5 }, minSalience: 0.5 },
    });
    const expected = novelty(current, [
      given[0]?.accuracies.map((entry) => entry.accuracy) as number[],
      [0.3, 0.3, 0.2, 0.2, 0.1],
    ]);
    expect(scored.scores?.novelty).toBe(expected.value);
    expect(scored.scores?.noveltyPriors).toEqual(["mmlu.json (mmlu)", "D4"]);
    expect(scored.scores?.difficulty).toBeCloseTo(0.2, 12);
    expect(scored.objective?.value).toBeCloseTo(
      0.2 + (expected.value as number) + 0.5 * scored.scores!.separability,
      12,
    );
  });

  it("a description without a single graded answer is failed, with no made-up scores", () => {
    const failed = scoreDescription({
      base: {
        id: "D6",
        iteration: 1,
        description: "D6",
        failures: ["writer: no JSON"],
        items: 0,
        rejected: 0,
        salience: { from: "judged" },
      },
      accuracies: [],
      priors: [],
      prediction: "in-sample",
      objective: OBJECTIVES.autobencher,
      settings: {},
    });
    expect(failed).toMatchObject({ status: "failed", accuracies: [] });
    expect(failed.scores).toBeUndefined();
    expect(failed.objective).toBeUndefined();
  });
});
