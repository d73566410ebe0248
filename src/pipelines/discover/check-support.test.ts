import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../../testing/index.js";
import { checkSupport, containsWords, numbersIn } from "./check-support.js";
import type { Draft } from "./draft.js";

const passages = [
  {
    id: "coins.md#1",
    title: "Coins",
    text: "In 1092 the hyperpyron was introduced. It weighed about 4.45 grams and circulated until 1,204 or later.",
  },
];
const draft = (overrides: Partial<Draft>): Draft => ({
  question: "In which year was the hyperpyron introduced?",
  answer: "1092",
  distractors: [],
  passageId: "coins.md#1",
  support: "In 1092 the hyperpyron was introduced.",
  checks: [],
  ...overrides,
});

describe("checkSupport", () => {
  const silentJudge = new MockLanguageModel({ respond: () => "unused" });
  const check = (overrides: Partial<Draft>, judge = silentJudge) =>
    checkSupport({ draft: draft(overrides), passages, judge, seed: 0 });

  it("accepts by string match, then by number match, without calling the judge", async () => {
    expect(await check({})).toEqual({ supported: true, method: "string" });
    expect(await check({ answer: "4.45 g", support: "It weighed about 4.45 grams" })).toEqual({
      supported: true,
      method: "number",
    });
    expect(silentJudge.calls).toHaveLength(0);
  });

  it("rejects a passage it was not given and a span that is not in the passage", async () => {
    expect(await check({ passageId: "other.md#2" })).toEqual({
      supported: false,
      reason: "cites other.md#2, which it was not given",
    });
    expect(await check({ support: "In 1093 the hyperpyron was introduced." })).toEqual({
      supported: false,
      reason: "the quoted span is not in passage coins.md#1",
    });
  });

  it("asks the judge when matching cannot decide, and follows its verdict", async () => {
    const yes = new MockLanguageModel({ respond: '{"supported": true}' });
    expect(await check({ answer: "the late eleventh century" }, yes)).toEqual({
      supported: true,
      method: "judge",
    });
    expect(yes.lastUserMessage()).toMatch(/^### judge-support\n/);
    const no = new MockLanguageModel({ respond: '{"supported": false, "reason": "wrong century"}' });
    expect(await check({ answer: "the ninth century" }, no)).toEqual({
      supported: false,
      reason: "the judge found the span does not support the answer: wrong century",
    });
    const mute = new MockLanguageModel({ respond: "hmm" });
    expect(await check({ answer: "the ninth century" }, mute)).toMatchObject({
      supported: false,
      reason: expect.stringMatching(/^the support judge gave no verdict/),
    });
  });
});

describe("text helpers", () => {
  it("finds numbers (thousands separators included) and whole-word spans", () => {
    expect(numbersIn("1,204 or 4.45 and -3")).toEqual([1204, 4.45, -3]);
    expect(containsWords("The Hyperpyron, introduced in 1092.", "hyperpyron introduced")).toBe(true);
    expect(containsWords("hyperpyra", "hyperpyr")).toBe(false);
    expect(containsWords("anything", "")).toBe(false);
  });
});
