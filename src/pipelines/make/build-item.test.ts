import { describe, expect, it } from "vitest";
import { buildItem, checkItem, type ItemRecordInput } from "./build-item.js";

const candidate = {
  question: "q?",
  options: ["w", "x", "y", "z"],
  answer: "C",
  explanation: "e",
  reasoning: "analysis: a",
  rating: undefined,
};
const input: ItemRecordInput = {
  id: "run-3",
  candidate,
  open: undefined,
  labelled: {
    candidate,
    difficulty: 0.4,
    labelSource: "test-takers",
    testing: {
      answers: [
        { answer: "C", rationale: "" },
        { answer: "A", rationale: "" },
        { answer: undefined, rationale: "" },
      ],
      difficulty: 0.5,
      parseable: 2,
      majority: "A",
      conflict: false,
    },
    discrimination: { decision: "fix", comparison: "1 slips", originalAnswer: "A" },
  },
  generator: "mock:m",
  step: "generate-item",
  promptHash: "0123456789abcdef",
  references: ["run-1"],
  referenceUses: [2],
  attributes: { region: "asia" },
  strategy: { bin: 1, bins: 10, rank: 7, score: 5, combination: { steps: "two" } },
  boostGains: [0.5, 0.25],
  slot: 3,
  attempt: 1,
  seed: 9,
  tally: { responses: 12, cached: 2, requests: 10, inputTokens: 100, outputTokens: 50, costUsd: 0.01 },
  elapsedMs: 12.6,
};

describe("buildItem", () => {
  it("turns what the attempt learned into an item with its metadata and provenance", () => {
    const item = buildItem(input);
    expect(item).toMatchObject({
      id: "run-3",
      format: "mcq",
      answer: "C",
      difficulty: 0.4,
      explanation: "e",
    });
    expect(item.metadata).toEqual({
      slot: 3,
      attempt: 1,
      strategy: { bin: 1, bins: 10, rank: 7, score: 5, combination: { steps: "two" } },
      referenceUses: [2],
      labelSource: "test-takers",
      testTakerAnswers: ["C", "A", null],
      discrimination: "fix",
      originalAnswer: "A",
      boostEntropyGains: [0.5, 0.25],
    });
    expect(item.provenance).toMatchObject({
      reasoning: "analysis: a\ndiscrimination: 1 slips",
      llmCalls: 12,
      costUsd: 0.01,
      elapsedMs: 13,
    });
  });

  it("an open item carries its MCQ form; its label is the open form's when test-takers answered it", () => {
    const testing = {
      answers: [
        { answer: "y", rationale: "", correct: true, method: "exact" as const },
        { answer: "w", rationale: "", correct: false, method: "judge" as const },
      ],
      difficulty: 0.5,
      graded: 2,
    };
    const open = buildItem({
      ...input,
      open: { open: { question: "open q?", answer: "y" }, check: "matched", testing },
    });
    expect(open).toMatchObject({ format: "open", question: "open q?", answer: "y", difficulty: 0.5 });
    expect(open.options).toBeUndefined();
    expect(open.metadata).toMatchObject({
      mcq: { question: "q?", options: ["w", "x", "y", "z"], answer: "C" },
      mcqDifficulty: 0.4,
      openAnswerCheck: "matched",
      openTestTakerAnswers: ["y", "w"],
    });
    const unlabelled = buildItem({
      ...input,
      open: { open: { question: "open q?", answer: "y" }, check: "judged", testing: undefined },
    });
    expect(unlabelled.difficulty).toBe(0.4);
    expect(unlabelled.metadata?.mcqDifficulty).toBeUndefined();
  });
});

describe("checkItem", () => {
  it("passes a valid item and turns down one that is not an Item, naming the problem", () => {
    const item = buildItem(input);
    expect(checkItem(item)).toEqual({ success: true, value: item });
    const broken = buildItem({ ...input, candidate: { ...input.candidate, answer: "E" } });
    const checked = checkItem(broken);
    expect(checked.success).toBe(false);
    if (checked.success) return;
    expect(checked.error.reason).toBe(
      'invalid-item: (item): answer "E" is not the letter of one of the options',
    );
    expect(checked.error.details).toEqual({ item: broken });
    expect(
      checkItem(buildItem({ ...input, labelled: { ...input.labelled, difficulty: 1.5 } })),
    ).toMatchObject({
      success: false,
      error: { reason: expect.stringMatching(/^invalid-item: difficulty: /) },
    });
  });
});
