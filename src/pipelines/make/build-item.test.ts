import { describe, expect, it } from "vitest";
import { buildItem, checkItem, type ItemRecordInput } from "./build-item.js";

const input: ItemRecordInput = {
  id: "run-3",
  candidate: {
    question: "q?",
    options: ["w", "x", "y", "z"],
    answer: "C",
    explanation: "e",
    reasoning: "analysis: a",
  },
  open: undefined,
  difficulty: 0.4,
  generator: "mock:m",
  step: "generate-item",
  promptHash: "0123456789abcdef",
  references: ["run-1"],
  attributes: { region: "asia" },
  strategy: { level: 2, strategy: "two steps" },
  testTakerAnswers: ["C", "A", null],
  discrimination: { decision: "fix", comparison: "1 slips", originalAnswer: "A" },
  boostGains: [0.5, 0.25],
  slot: 3,
  attempt: 1,
  seed: 9,
  tally: { responses: 12, cached: 2, inputTokens: 100, outputTokens: 50, costUsd: 0.01 },
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
      strategy: { level: 2, strategy: "two steps" },
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
    const open = buildItem({ ...input, open: { question: "open q?", answer: "y" } });
    expect(open).toMatchObject({ format: "open", question: "open q?", answer: "y" });
    expect(open.options).toBeUndefined();
    expect(open.metadata?.mcq).toEqual({ question: "q?", options: ["w", "x", "y", "z"], answer: "C" });
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
    expect(checkItem(buildItem({ ...input, difficulty: 1.5 }))).toMatchObject({
      success: false,
      error: { reason: expect.stringMatching(/^invalid-item: difficulty: /) },
    });
  });
});
