import { describe, expect, it } from "vitest";
import type { Item } from "../../core/item.js";
import { MockLanguageModel } from "../../testing/index.js";
import { gradeAnswer } from "./grade-answer.js";

const open: Item = { id: "q1", format: "open", question: "How tall is Etna in metres?", answer: "3,357" };
const mcq: Item = {
  id: "q2",
  format: "mcq",
  question: "Tallest?",
  options: ["Etna", "Fuji", "Hekla"],
  answer: "B",
};

describe("gradeAnswer", () => {
  it("matches exactly, after normalising, then as numbers, before any judge call", async () => {
    const judge = { model: new MockLanguageModel({ respond: '{"verdict": "correct"}' }), ref: "mock:judge" };
    expect(await gradeAnswer({ item: open, reply: "3,357", judge })).toEqual({
      correct: true,
      extracted: "3,357",
      method: "exact",
    });
    expect(await gradeAnswer({ item: open, reply: "Answer: 3357", judge })).toMatchObject({
      correct: true,
      method: "normalized",
    });
    expect(await gradeAnswer({ item: open, reply: "3358", judge })).toEqual({
      correct: false,
      extracted: "3358",
      method: "number",
    });
    expect(await gradeAnswer({ item: { ...open, answer: "2.5" }, reply: "2.50", judge })).toMatchObject({
      correct: true,
      method: "number",
    });
    expect(judge.model.calls).toHaveLength(0);
  });

  it("asks the equivalence judge otherwise; MCQ goes through the letter extractor", async () => {
    const judge = { model: new MockLanguageModel({ respond: '{"verdict": "correct"}' }), ref: "mock:judge" };
    expect(
      await gradeAnswer({ item: open, reply: "about three thousand three hundred", judge }),
    ).toMatchObject({
      correct: true,
      method: "judge",
    });
    expect(judge.model.calls).toHaveLength(1);
    expect(await gradeAnswer({ item: mcq, reply: "The answer is (B)", judge })).toMatchObject({
      correct: true,
      extracted: "B",
    });
    expect(await gradeAnswer({ item: mcq, reply: "A", judge })).toMatchObject({
      correct: false,
      extracted: "A",
    });
    expect(judge.model.calls).toHaveLength(1);
  });
});
