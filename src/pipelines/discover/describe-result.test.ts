import { describe, expect, it } from "vitest";
import { describeDesiderata, describeResult, formatTrajectory } from "./describe-result.js";
import { resolveDiscoverOptions } from "./options.js";
import type { DescriptionResult } from "./state.js";

const scored: DescriptionResult = {
  id: "D2",
  iteration: 1,
  description: "Byzantine coinage — exact dates",
  parent: "D1",
  requirement: "exact dates",
  status: "scored",
  failures: [],
  items: 20,
  rejected: 3,
  accuracies: [{ model: "a", accuracy: 0.45, n: 20, low: 0.258, high: 0.658 }],
  salience: { value: 0.9, from: "judged by mock:j" },
  scores: {
    difficulty: 0.55,
    separability: 0,
    noveltyReason: "needs at least one prior benchmark's accuracies",
    noveltyPriors: [],
    noveltyModels: ["a"],
  },
  objective: {
    value: 0.05,
    feasible: false,
    terms: [],
    missing: [{ name: "novelty", needs: "prior benchmarks' accuracies over the same models" }],
    violated: [{ name: "target band", detail: "best accuracy 0.45 is above the band 0.1-0.3" }],
  },
};
const skipped: DescriptionResult = {
  id: "D3",
  iteration: 1,
  description: "Roman gossip",
  status: "not-salient",
  failures: ["salience 0.2 is below --min-salience 0.5; not written"],
  items: 0,
  rejected: 0,
  accuracies: [],
  salience: { value: 0.2, from: "judged by mock:j" },
};

describe("describeResult", () => {
  it("shows every number with its interval or what it came from, and n/a with what is missing", () => {
    expect(describeResult(scored, ["a", "b"])).toEqual({
      id: "D2 < D1",
      description: "Byzantine coinage — exact dates",
      accuracies: { a: "0.45 [0.26, 0.66]", b: "n/a — needs answers from this model" },
      difficulty: "0.55",
      separability: "0.00",
      novelty: "n/a — needs at least one prior benchmark's accuracies",
      salience: "0.90 (judged by mock:j)",
      n: "20",
      objective:
        "0.050 infeasible (best accuracy 0.45 is above the band 0.1-0.3; novelty n/a — needs prior benchmarks' accuracies over the same models)",
    });
    expect(describeResult(skipped, ["a"]).objective).toBe(
      "n/a — needs a salient description (it was skipped)",
    );
  });

  it("formats the trajectory for the proposer, one line per row", () => {
    const lines = formatTrajectory([scored, skipped], ["a"]).split("\n");
    expect(lines[0]).toBe(
      "D2 (refines D1) \"Byzantine coinage — exact dates\" | accuracies: a 0.45 [0.26, 0.66] | n=20 | difficulty 0.55 | separability 0.00 | novelty n/a — needs at least one prior benchmark's accuracies | salience 0.90 (judged by mock:j) | objective 0.050 infeasible (best accuracy 0.45 is above the band 0.1-0.3; novelty n/a — needs prior benchmarks' accuracies over the same models)",
    );
    expect(lines[1]).toMatch(
      /^D3 "Roman gossip" \| accuracies: a n\/a — needs answers from this model \| n=0 /,
    );
    expect(formatTrajectory([], ["a"])).toBe("(nothing explored yet)");
  });

  it("states the desiderata with the weights, salience floor and band in force", () => {
    const options = resolveDiscoverOptions({
      domain: "history",
      candidates: ["a"],
      writer: "w",
      targetAccuracy: { low: 0.1, high: 0.3 },
      minSalience: 0.6,
    });
    expect(describeDesiderata(options, { difficulty: 1, novelty: 1, separability: 0.5 })).toContain(
      "Objective: 1·difficulty + 1·novelty + 0.5·separability, subject to salience >= 0.6 and the best model's accuracy within 0.1-0.3.",
    );
  });
});
