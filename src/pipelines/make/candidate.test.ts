import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRng } from "../../core/rng.js";
import { candidateProblem, candidateSchema, ratingLabel, shuffleOptions } from "./candidate.js";

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
      rating: undefined,
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

  it("reads lenient answer forms, and rejects a letter outside the options and a wrong option count", () => {
    const schema = candidateSchema({ optionCount: 4, stepwise: false });
    for (const [written, letter] of [
      ["b", "B"],
      ["(C)", "C"],
      ["D.", "D"],
      ["Option A", "A"],
      ["Answer: c", "C"],
      ["B. Lyon", "B"],
      [" [d] ", "D"],
    ])
      expect(schema.parse({ ...reply, answer: written }).answer).toBe(letter);
    expect(schema.safeParse({ ...reply, answer: "E" }).error?.issues[0]?.message).toBe(
      "must be one letter of ABCD",
    );
    expect(schema.safeParse({ ...reply, answer: "Paris" }).success).toBe(false);
    expect(schema.safeParse({ ...reply, options: ["a", "b", "c"] }).success).toBe(false);
    expect(
      candidateSchema({ optionCount: 10, stepwise: false }).parse({
        ...reply,
        options: Array.from({ length: 10 }, (_, index) => `o${index}`),
        answer: "j",
      }).answer,
    ).toBe("J");
  });

  it("the model is shown the stepwise fields first, the answer as an enum of the letters, the rating last", () => {
    const json = z.toJSONSchema(candidateSchema({ optionCount: 4, stepwise: true, rated: true }), {
      target: "draft-7",
      io: "input",
    }) as { properties: Record<string, unknown>; required: string[] };
    const order = [
      "analysis",
      "draft",
      "solution",
      "distractors",
      "recheck",
      "question",
      "options",
      "answer",
    ];
    expect(Object.keys(json.properties)).toEqual([...order, "explanation", "difficulty"]);
    expect(json.required).toEqual([...order, "difficulty"]);
    expect(json.properties).toMatchObject({
      answer: { type: "string", enum: ["A", "B", "C", "D"] },
      options: { minItems: 4, maxItems: 4 },
      difficulty: { type: "integer", minimum: 1, maximum: 10 },
    });
    const plain = z.toJSONSchema(candidateSchema({ optionCount: 4, stepwise: false }), { io: "input" });
    expect(Object.keys((plain as { properties: object }).properties)).toEqual([
      "question",
      "options",
      "answer",
      "explanation",
    ]);
  });

  it("a rated reply keeps the generator's 1-10 rating, read leniently; ratingLabel maps it onto [0, 1]", () => {
    const schema = candidateSchema({ optionCount: 4, stepwise: false, rated: true });
    expect(schema.parse({ ...reply, difficulty: 7 }).rating).toBe(7);
    expect(schema.parse({ ...reply, difficulty: "Level 4" }).rating).toBe(4);
    expect(schema.safeParse({ ...reply, difficulty: 11 }).success).toBe(false);
    expect(schema.safeParse(reply).success).toBe(false);
    expect([1, 10, 4].map(ratingLabel)).toEqual([0, 1, 1 / 3]);
  });
});

describe("candidate checks", () => {
  const candidate = {
    question: "q",
    options: ["A b", "a  B", "c", "d"],
    answer: "A",
    explanation: undefined,
    reasoning: undefined,
    rating: undefined,
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
