import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import { MockLanguageModel } from "../testing/index.js";
import { gradeReply } from "./grade-reply.js";

const open: Item = { id: "q1", format: "open", question: "How tall is Etna in metres?", answer: "3,357" };

describe("gradeReply on open items with a judge", () => {
  it("lets two numbers settle it without a judge call, right or wrong", async () => {
    const judge = { model: new MockLanguageModel({ respond: '{"verdict": "correct"}' }), ref: "mock:judge" };
    expect(await gradeReply({ item: open, reply: "3358", judge })).toMatchObject({ correct: false });
    expect(await gradeReply({ item: { ...open, answer: "2.5" }, reply: "2.50", judge })).toMatchObject({
      correct: true,
    });
    expect(judge.model.calls).toHaveLength(0);
  });

  it("asks the judge when the reply states no number to compare", async () => {
    const judge = { model: new MockLanguageModel({ respond: '{"verdict": "correct"}' }), ref: "mock:judge" };
    const grade = await gradeReply({ item: open, reply: "about three thousand three hundred", judge });
    expect(grade).toMatchObject({ correct: true, details: { method: "judge" } });
    expect(judge.model.calls).toHaveLength(1);
  });
});
