import { describe, expect, it } from "vitest";
import type { Item } from "../../core/item.js";
import { gradeReply } from "../../evaluate/grade-reply.js";
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

  it("grades every (reply, reference) pair as eval does: one model-free grader, numbers included", async () => {
    // A judge that rejects everything: what discover decides without it must match eval without a judge.
    const judge = {
      model: new MockLanguageModel({ respond: '{"verdict": "incorrect"}' }),
      ref: "mock:judge",
    };
    const pairs: Array<[reply: string, reference: string, correct: boolean]> = [
      ["2.50", "2.5", true],
      ["Answer: 1,000.0", "1000", true],
      ["-.5", "-0.5", true],
      ["0.30000000000000004", "0.3", true],
      ["3358", "3,357", false],
      ["Answer: 12", "12.5", false],
      ["Paris.", "paris", true],
      ["1e3", "1000", false],
      ["about 3357", "3,357", false],
    ];
    for (const [reply, reference, correct] of pairs) {
      const item: Item = { ...open, answer: reference };
      const discovered = await gradeAnswer({ item, reply, judge });
      const evaluated = await gradeReply({ item, reply });
      expect([reply, reference, discovered.correct]).toEqual([reply, reference, correct]);
      expect([reply, reference, evaluated.correct]).toEqual([reply, reference, correct]);
    }
  });
});
