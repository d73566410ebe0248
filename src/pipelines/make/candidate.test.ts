import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRng } from "../../core/rng.js";
import { candidateProblem, candidateSchema, shuffleOptions } from "./candidate.js";

const reply = {
  question: " Capital of France? ",
  options: ["Paris", " Lyon ", "Nice", "Lille"],
  answer: "(b)",
};
const stepwise = { analysis: "recall", draft: "d", solution: "", distractors: "near", recheck: "ok" };

describe("candidateSchema", () => {
  it("transforms a reply into a typed Candidate: trimmed, the answer letter normalised, no reasoning", () => {
    expect(candidateSchema({ optionCount: 4, stepwise: false }).parse(reply)).toEqual({
      question: "Capital of France?",
      options: ["Paris", "Lyon", "Nice", "Lille"],
      answer: "B",
      explanation: undefined,
      reasoning: undefined,
    });
  });

  it("keeps the non-empty stepwise fields, in procedure order, as the reasoning path", () => {
    const schema = candidateSchema({ optionCount: 4, stepwise: true });
    const candidate = schema.parse({ ...reply, ...stepwise, explanation: "because" });
    expect(candidate.reasoning).toBe("analysis: recall\ndraft: d\ndistractors: near\nrecheck: ok");
    expect(candidate.explanation).toBe("because");
    // asked for, the stepwise fields are required
    expect(schema.safeParse(reply).success).toBe(false);
  });

  it("rejects a letter outside the options and a wrong option count", () => {
    const schema = candidateSchema({ optionCount: 4, stepwise: false });
    expect(schema.safeParse({ ...reply, answer: "E" }).error?.issues[0]?.message).toBe(
      "must be one letter of ABCD",
    );
    expect(schema.safeParse({ ...reply, options: ["a", "b", "c"] }).success).toBe(false);
    expect(
      candidateSchema({ optionCount: 10, stepwise: false }).parse({
        ...reply,
        options: Array.from({ length: 10 }, (_, index) => `o${index}`),
        answer: "j",
      }).answer,
    ).toBe("J");
  });

  it("the model is shown the reply object's JSON schema, stepwise fields and letter pattern included", () => {
    const json = z.toJSONSchema(candidateSchema({ optionCount: 4, stepwise: true }).in, {
      target: "draft-7",
    });
    expect(json).toMatchObject({
      type: "object",
      required: ["question", "options", "answer", "analysis", "draft", "solution", "distractors", "recheck"],
      properties: { answer: { pattern: "^[ABCD]$" }, options: { minItems: 4, maxItems: 4 } },
    });
  });
});

describe("candidate checks", () => {
  const candidate = {
    question: "q",
    options: ["A b", "a  B", "c", "d"],
    answer: "A",
    explanation: undefined,
    reasoning: undefined,
  };

  it("flags options that are identical up to case and spacing", () => {
    expect(candidateProblem(candidate)).toBe("two options are identical");
    expect(candidateProblem({ ...candidate, options: ["a", "b", "c", "d"] })).toBeUndefined();
  });

  it("the seeded shuffle moves the answer letter with its option", () => {
    const shuffled = shuffleOptions(
      { ...candidate, options: ["w", "x", "y", "z"], answer: "C" },
      createRng(3),
    );
    expect([...shuffled.options].sort()).toEqual(["w", "x", "y", "z"]);
    expect(shuffled.options[shuffled.answer.charCodeAt(0) - 65]).toBe("y");
    expect(shuffleOptions({ ...candidate, options: ["w", "x", "y", "z"] }, createRng(3))).toEqual(
      shuffleOptions({ ...candidate, options: ["w", "x", "y", "z"] }, createRng(3)),
    );
  });
});
