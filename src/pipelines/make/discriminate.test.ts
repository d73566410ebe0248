import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../../testing/index.js";
import type { Candidate } from "./candidate.js";
import { discriminate, readVerdict } from "./discriminate.js";

const candidate: Candidate = {
  question: "Which city is the capital of France?",
  options: ["Lyon", "Paris", "Nice", "Lille"],
  answer: "B",
  explanation: "LABEL-RATIONALE",
  reasoning: undefined,
  rating: undefined,
};
const context = { options: candidate.options, solutions: ["B", "C"] as const };

describe("readVerdict", () => {
  it.each([
    ["B", "B"],
    ["(c)", "C"],
    ["Option D", "D"],
    ["B. Paris", "B"],
    ["Paris", "B"],
    ["The answer is C", "C"],
    ["Solution 2", "C"],
    ["solution 1 is right", "B"],
    ["I agree with solution 2.", "C"],
    ["flawed", "flawed"],
    ["Neither option is correct", "flawed"],
    ["the question is ambiguous", "flawed"],
    ["no idea", "no idea"],
  ])("reads %j as %j", (written, reading) => {
    expect(readVerdict(written, context)).toBe(reading);
  });
});

describe("discriminate", () => {
  it("judges the two solutions in both orders, so the label's solution is not always shown first", async () => {
    const judge = new MockLanguageModel({
      respond: (call) => {
        const prompt = call.messages.find((message) => message.role === "user")?.content ?? "";
        // a position-biased judge: it always sides with Solution 1
        const first = /Solution 1 \(answer ([A-Z])/.exec(prompt)?.[1];
        return JSON.stringify({ comparison: "1 holds", verdict: `Solution 1 (${first})` });
      },
    });
    const verdicts = await discriminate({ model: judge, candidate, majority: "C", majorityRationale: "MAJ" });
    expect(judge.calls).toHaveLength(2);
    const prompts = [0, 1].map((index) => judge.lastUserMessage(index));
    expect(prompts[0]).toMatch(
      /Solution 1 \(answer B\. Paris\):\nLABEL-RATIONALE\n\nSolution 2 \(answer C\. Nice\):\nMAJ/,
    );
    expect(prompts[1]).toMatch(
      /Solution 1 \(answer C\. Nice\):\nMAJ\n\nSolution 2 \(answer B\. Paris\):\nLABEL-RATIONALE/,
    );
    // the bias shows as disagreement between the orders
    expect([verdicts.labelFirst.reading, verdicts.majorityFirst.reading]).toEqual(["B", "C"]);
    // the JSON schema constrains the verdict to the letters or "flawed"
    expect(judge.calls[0]?.responseFormat?.schema).toMatchObject({
      properties: { verdict: { enum: ["flawed", "A", "B", "C", "D"] } },
    });
  });

  it("a verdict that cannot be read even after the repair is undefined, with what was written", async () => {
    const judge = new MockLanguageModel({ respond: '{"comparison": "hmm", "verdict": "I cannot decide"}' });
    const verdicts = await discriminate({ model: judge, candidate, majority: "C", majorityRationale: "MAJ" });
    // one call per order, each repaired once
    expect(judge.calls).toHaveLength(4);
    expect(verdicts.labelFirst).toEqual({
      reading: undefined,
      comparison: "",
      raw: expect.stringContaining("I cannot decide"),
    });
  });
});
