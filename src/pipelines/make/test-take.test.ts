import { describe, expect, it } from "vitest";
import type { Item } from "../../core/item.js";
import { buildEvalPrompt } from "../../evaluate/build-prompt.js";
import { MockLanguageModel } from "../../testing/index.js";
import type { Candidate } from "./candidate.js";
import { convertToOpen } from "./convert-open.js";
import { discriminate } from "./discriminate.js";
import { formatReference } from "./item-text.js";
import { readTestTakerReply, summariseAnswers, testTake } from "./test-take.js";

describe("test-taker answers", () => {
  it.each([
    ['{"reasoning": "x", "answer": "C"}', "C"],
    ['```json\n{"reasoning": "x", "answer": "(b)"}\n```', "B"],
    ["Let me think. The answer is (D).", "D"],
    ["Answer: A", "A"],
    ["After checking each option, the final answer is B because ...", "B"],
    ["C", "C"],
    ["(A)", "A"],
    ["I am not sure, it could be a tricky one.", undefined],
    ['{"answer": "E"}', undefined],
  ])("extracts %j -> %s", (text, letter) => {
    expect(readTestTakerReply(text, ["w", "x", "y", "z"]).answer).toBe(letter);
  });

  it("keeps the JSON reasoning as the rationale", () => {
    expect(readTestTakerReply('{"reasoning": "because x", "answer": "B"}', ["w", "x", "y", "z"])).toEqual({
      answer: "B",
      rationale: "because x",
    });
  });

  it("beta = share of PARSEABLE answers that miss the label; unparseable ones do not count", () => {
    const answers = ["B", "C", "C", "C", undefined].map((answer) => ({ answer, rationale: "" }));
    // 4 parseable: 3 miss B (3/4), 1 misses C (1/4)
    expect(summariseAnswers(answers, "B")).toEqual({
      difficulty: 0.75,
      parseable: 4,
      majority: "C",
      conflict: true,
    });
    expect(summariseAnswers(answers, "C")).toEqual({
      difficulty: 0.25,
      parseable: 4,
      majority: "C",
      conflict: false,
    });
    const mostlyGarbled = ["B", undefined, undefined, undefined, undefined].map((answer) => ({
      answer,
      rationale: "",
    }));
    expect(summariseAnswers(mostlyGarbled, "B")).toMatchObject({ difficulty: 0, parseable: 1 });
  });

  it("a tie that includes the label is no conflict; a tie without it picks the earliest letter", () => {
    const answers = ["A", "A", "D", "D"].map((answer) => ({ answer, rationale: "" }));
    expect(summariseAnswers(answers, "D")).toMatchObject({ majority: "D", conflict: false, difficulty: 0.5 });
    expect(summariseAnswers(answers, "B")).toMatchObject({ majority: "A", conflict: true, difficulty: 1 });
    expect(summariseAnswers([{ answer: undefined, rationale: "" }], "B")).toMatchObject({
      majority: undefined,
      conflict: false,
    });
  });
});

// Bug 4: make measured difficulty on "A) text" while eval showed "A. text".
describe("one option rendering for make and eval", () => {
  const item: Item = {
    id: "q1",
    format: "mcq",
    question: "Which city is the capital of France?",
    options: ["Lyon", "Paris", "Nice (on the coast)", "Lille"],
    answer: "B",
  };
  const candidate: Candidate = {
    question: item.question,
    options: item.options ?? [],
    answer: item.answer,
    explanation: "Paris is the capital.",
    reasoning: undefined,
    rating: undefined,
  };
  // The lettered lines of a prompt, in order: its option block, whatever the marker style.
  const optionBlock = (prompt: string) =>
    prompt
      .split("\n")
      .filter((line) => /^[A-Z][.)] /.test(line))
      .join("\n");
  const expected = "A. Lyon\nB. Paris\nC. Nice (on the coast)\nD. Lille";

  it("the test-taker receives exactly the option block eval shows for the same item", async () => {
    const model = new MockLanguageModel({ respond: '{"reasoning": "capital", "answer": "B"}' });
    const outcome = await testTake({ model, candidate, testTakers: 2 });
    expect(outcome).toMatchObject({ difficulty: 0, parseable: 2 });
    expect(model.calls).toHaveLength(2);
    const makeBlock = optionBlock(model.lastUserMessage(0));
    for (const chainOfThought of [false, true]) {
      const evalPrompt = buildEvalPrompt(item, { chainOfThought }).prompt;
      expect(makeBlock).toBe(optionBlock(evalPrompt));
      expect(evalPrompt).toContain(`\n${expected}\n`);
    }
    expect(makeBlock).toBe(expected);
    expect(model.lastUserMessage(0)).toContain("one letter from A, B, C or D");
  });

  it("discrimination, open conversion and references show the same block", async () => {
    const judge = new MockLanguageModel({ respond: '{"comparison": "x", "verdict": "B"}' });
    const verdicts = await discriminate({
      model: judge,
      candidate,
      majority: "C",
      majorityRationale: "coast",
    });
    expect([verdicts.labelFirst.reading, verdicts.majorityFirst.reading]).toEqual(["B", "B"]);
    const discriminationPrompt = judge.lastUserMessage(0);
    expect(optionBlock(discriminationPrompt)).toBe(expected);
    expect(discriminationPrompt).toContain("Solution 1 (answer B. Paris)");
    expect(discriminationPrompt).toContain("Solution 2 (answer C. Nice (on the coast))");

    const writer = new MockLanguageModel({
      respond: '{"question": "Capital of France?", "answer": "Paris"}',
    });
    expect((await convertToOpen({ model: writer, candidate })).success).toBe(true);
    expect(optionBlock(writer.lastUserMessage())).toBe(expected);
    expect(writer.lastUserMessage()).toContain("Correct answer: B. Paris");

    expect(formatReference(item, 0)).toBe(`[1] ${item.question}\n${expected}\nAnswer: B`);
  });
});
