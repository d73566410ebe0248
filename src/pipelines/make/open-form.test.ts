import { afterEach, describe, expect, it } from "vitest";
import type { RunStore } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import {
  callsByStep,
  type Script,
  scriptedGenerator,
  testContext,
} from "./__fixtures__/scripted-generator.js";
import type { Candidate } from "./candidate.js";
import { makeOpenForm } from "./open-form.js";
import { makeBenchmark } from "./run-make.js";

const candidate: Candidate = {
  question: "Which river is the longest?",
  options: ["the Rhine", "the Nile", "the Po", "the Ebro"],
  answer: "B",
  explanation: undefined,
  reasoning: undefined,
  rating: undefined,
};

function openWith(script: Script, testTakers: number | undefined) {
  const model = scriptedGenerator(script);
  return { model, made: makeOpenForm({ candidate, testTakers, model: () => model }) };
}

describe("open format (OTG)", () => {
  it("measures the label on the open question: normalised match first, the judge once per distinct other answer", async () => {
    const answers = ["Nile", "the nile.", "Amazon", "amazon", "Nile River"];
    const { model, made } = openWith(
      {
        convertOpen: () => JSON.stringify({ question: "Name the longest river.", answer: "Nile" }),
        openTestTaker: ({ sampleIndex }) => JSON.stringify({ reasoning: "r", answer: answers[sampleIndex] }),
        judge: ({ prompt }) =>
          JSON.stringify({ verdict: prompt.includes("Nile River") ? "correct" : "incorrect" }),
      },
      5,
    );
    const result = await made;
    if (!result.success) throw new Error(result.error.reason);
    // "Nile" matched the keyed option "the Nile" after normalisation: no judge call for the conversion
    expect(result.value.check).toBe("matched");
    expect(result.value.testing?.answers.map((answer) => [answer.correct, answer.method])).toEqual([
      [true, "exact"],
      [true, "normalized"],
      [false, "judge"],
      [false, "judge"],
      [true, "judge"],
    ]);
    // 2 of 5 wrong on the open form
    expect(result.value.testing?.difficulty).toBe(0.4);
    // "Amazon" and "amazon" are one judge call
    expect(callsByStep(model)).toEqual({ "convert-open": 1, "test-taker-open": 5, judge: 2 });
  });

  it("a converted answer that is not the keyed option is rejected; one the judge finds the same is kept", async () => {
    const wrong = await openWith(
      {
        convertOpen: () => JSON.stringify({ question: "Name the longest river.", answer: "Amazon" }),
      },
      5,
    ).made;
    expect(wrong).toMatchObject({
      success: false,
      error: {
        reason:
          'open-mismatch: the open answer "Amazon" is not the keyed option "the Nile" (the judge found it different)',
      },
    });
    const paraphrased = await openWith(
      {
        convertOpen: () =>
          JSON.stringify({ question: "Name the longest river.", answer: "the longest river of Africa" }),
        judge: () => JSON.stringify({ verdict: "correct" }),
      },
      undefined,
    ).made;
    expect(paraphrased).toMatchObject({ success: true, value: { check: "judged", testing: undefined } });
  });

  it("fewer than half of the open answers gradeable rejects the item as unanswerable", async () => {
    const { made } = openWith(
      {
        convertOpen: () => JSON.stringify({ question: "Name the longest river.", answer: "Nile" }),
        openTestTaker: ({ sampleIndex }) => (sampleIndex < 3 ? "" : JSON.stringify({ answer: "Nile" })),
      },
      5,
    );
    expect(await made).toMatchObject({
      success: false,
      error: { reason: "unanswerable: only 2 of 5 answers to the open question could be graded" },
    });
  });
});

describe("open items from makeBenchmark", () => {
  const stores: RunStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it("carry the open form's label, and the MCQ form's beyond it", async () => {
    const store = openSqliteStore(":memory:");
    stores.push(store);
    await store.createRun({ id: "run-test", kind: "make", spec: {} });
    const model = scriptedGenerator({
      // every MCQ test-taker right; 3 of 5 open test-takers wrong
      openTestTaker: ({ sampleIndex, key }) =>
        JSON.stringify({ answer: sampleIndex < 3 ? "something else" : key }),
    });
    const { items } = await makeBenchmark(
      { demand: "world geography", count: 2, generator: "mock:scripted", format: "open", concurrency: 1 },
      testContext({ store, model }),
    );
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.difficulty).toBe(0.6);
      expect(item.metadata).toMatchObject({ mcqDifficulty: 0, openAnswerCheck: "matched" });
      expect(item.metadata?.openTestTakerAnswers).toHaveLength(5);
    }
  });
});
