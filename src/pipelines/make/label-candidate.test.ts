import { describe, expect, it } from "vitest";
import { callsByStep, scriptedGenerator } from "./__fixtures__/scripted-generator.js";
import type { Candidate } from "./candidate.js";
import { labelCandidate } from "./label-candidate.js";
import { resolveMakeOptions } from "./options.js";

const candidate: Candidate = {
  question: "Which is right?",
  options: ["RIGHT one", "wrong a", "wrong b", "wrong c"],
  answer: "A",
  explanation: "it is",
  reasoning: undefined,
  rating: 7,
};
const options = (overrides: Record<string, unknown>) =>
  resolveMakeOptions({ demand: "d", generator: "mock:scripted", testTakers: 4, ...overrides });

describe("labelCandidate", () => {
  it("test-takers label the item by default", async () => {
    const model = scriptedGenerator({
      testTaker: ({ sampleIndex, right }) => JSON.stringify({ answer: sampleIndex === 0 ? "B" : right }),
    });
    const labelled = await labelCandidate({ candidate, options: options({}), model: () => model });
    expect(labelled).toMatchObject({
      success: true,
      value: { difficulty: 0.25, labelSource: "test-takers" },
    });
  });

  it("--no-test-taker takes the generator's rating as the label; test-takers still answer for discrimination", async () => {
    const model = scriptedGenerator();
    const withDiscrimination = await labelCandidate({
      candidate,
      options: options({ testTaker: false }),
      model: () => model,
    });
    expect(withDiscrimination).toMatchObject({
      success: true,
      value: { difficulty: 6 / 9, labelSource: "rating", testing: { parseable: 4 } },
    });
    expect(callsByStep(model)).toEqual({ "test-taker": 4 });

    const alone = scriptedGenerator();
    const withoutDiscrimination = await labelCandidate({
      candidate,
      options: options({ testTaker: false, discriminate: false }),
      model: () => alone,
    });
    expect(withoutDiscrimination).toMatchObject({
      success: true,
      value: { difficulty: 6 / 9, testing: undefined },
    });
    expect(alone.calls).toHaveLength(0);
  });
});
