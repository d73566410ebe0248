import { describe, expect, it } from "vitest";
import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import type { Subtask } from "./plan-document.js";
import { scoreCandidate } from "./score-candidate.js";
import { PLAN_SCORING, scoreFormula, sourceScore } from "./score-source.js";

const judged = { alignment: 0.8, coverage: 0.6, simplicity: 1, risk: 0.2, overall: 0.7 };

describe("sourceScore", () => {
  it("is 0.3 overall + 0.7 (0.45 alignment + 0.35 coverage + 0.10 simplicity + 0.10 (1 - risk))", () => {
    // 0.3*0.7 + 0.7*(0.36 + 0.21 + 0.1 + 0.08) = 0.21 + 0.7*0.75 = 0.735
    expect(sourceScore(judged, PLAN_SCORING)).toBeCloseTo(0.735, 10);
  });

  it("takes other weights and shows them in the formula", () => {
    const scoring = {
      ...PLAN_SCORING,
      overall: 0,
      alignment: 1,
      coverage: 0,
      simplicity: 0,
      risk: 0,
      threshold: 0.9,
    };
    expect(sourceScore(judged, scoring)).toBeCloseTo(0.8, 10);
    expect(scoreFormula(PLAN_SCORING)).toBe(
      "final = 0.3 * overall + 0.7 * (0.45 * alignment + 0.35 * coverage + 0.1 * simplicity + 0.1 * (1 - risk)); kept at >= 0.53",
    );
  });
});

const subtask: Subtask = {
  name: "law",
  description: "law",
  answerType: "choice",
  schema: { question: "q", answer: "a" },
  rationale: "",
  importance: 1,
};

function card(overrides: Partial<DatasetCard>): DatasetCard {
  return {
    id: "c",
    name: "c",
    path: "/c.jsonl",
    files: [],
    description: "",
    fields: [],
    rowCount: 100,
    usableRows: 100,
    answerFormat: "choice",
    answerField: "answer",
    categories: {
      field: "subject",
      distinct: 2,
      values: [
        { value: "law", count: 60 },
        { value: "art", count: 40 },
      ],
    },
    ...overrides,
  };
}

describe("scoreCandidate", () => {
  it("keeps a candidate at or above the threshold, with its filter, supply and transformation", () => {
    const scored = scoreCandidate({
      card: card({}),
      subtask,
      judgement: { card: "c", ...judged, values: ["LAW", "nope"] },
      scoring: PLAN_SCORING,
    });
    expect(scored).toEqual({
      kept: expect.objectContaining({
        score: 0.735,
        filter: { field: "subject", values: ["law"] },
        supply: 60,
        transformation: { kind: "as-is", instructions: "" },
      }),
    });
  });

  it("drops a candidate below the threshold, saying so", () => {
    const low = { ...judged, alignment: 0.2, coverage: 0.2, overall: 0.2 };
    // 0.06 + 0.7 * (0.09 + 0.07 + 0.1 + 0.08) = 0.298
    const scored = scoreCandidate({
      card: card({}),
      subtask,
      judgement: { card: "c", ...low },
      scoring: PLAN_SCORING,
    });
    expect(scored).toEqual({
      dropped: { card: "c", score: 0.298, reason: "score 0.298 is below the threshold 0.53" },
    });
  });

  it("scores a card without an answer field as having no coverage, no simplicity and full risk", () => {
    const perfect = { alignment: 1, coverage: 1, simplicity: 1, risk: 0, overall: 1 };
    const { answerField: _none, ...rest } = card({ answerFormat: "unknown" });
    const scored = scoreCandidate({
      card: rest,
      subtask,
      judgement: { card: "c", ...perfect },
      scoring: PLAN_SCORING,
    });
    // 0.3 + 0.7 * 0.45 = 0.615: above the threshold, but rows without an answer cannot give ground truth
    expect(scored).toEqual({
      dropped: { card: "c", score: 0.615, reason: "no answer field: its rows carry no ground truth" },
    });
  });
});
