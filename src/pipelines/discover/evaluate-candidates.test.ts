import { afterEach, describe, expect, it } from "vitest";
import { BudgetExceededError, ProviderCallError } from "../../core/errors.js";
import type { Item } from "../../core/item.js";
import type { RunStore } from "../../core/store-spec.js";
import { MockLanguageModel } from "../../testing/index.js";
import { memoryStore } from "./__fixtures__/test-context.js";
import { createCheckpoints } from "./checkpoint.js";
import { evaluateCandidates } from "./evaluate-candidates.js";

const items: Item[] = [1, 2, 3, 4].map((n) => ({
  id: `D1-b0-q${n}`,
  format: "open",
  question: `What is ${n} squared?`,
  answer: String(n * n),
}));
const judge = { model: new MockLanguageModel({ respond: '{"verdict": "incorrect"}' }), ref: "mock:judge" };

let store: RunStore;
afterEach(async () => store?.close());

describe("evaluateCandidates", () => {
  it("grades every candidate without the privileged information and stores each before the next", async () => {
    store = await memoryStore();
    const checkpoints = createCheckpoints(store, "discover-test");
    const square = (request: { messages: { content: string }[] }) =>
      String(Number(/What is (\d)/.exec(request.messages.at(-1)?.content ?? "")?.[1]) ** 2);
    const good = new MockLanguageModel({ respond: square });
    const half = new MockLanguageModel({
      respond: (request, index) => (index % 2 === 1 ? square(request) : "no idea"),
    });
    const run = () =>
      evaluateCandidates({
        checkpoints,
        descriptionId: "D1",
        batch: 0,
        items,
        candidates: [
          { ref: "mock:good", model: good },
          { ref: "mock:half", model: half },
        ],
        judge,
        concurrency: 1,
        seed: 3,
      });
    const results = await run();
    expect(
      results.map((entry) => [
        entry.model,
        entry.outcomes.filter((outcome) => outcome.correct).length,
        entry.errors,
      ]),
    ).toEqual([
      ["mock:good", 4, 0],
      ["mock:half", 2, 0],
    ]);
    expect(good.lastUserMessage(0)).toBe(
      "Question: What is 1 squared?\n\nReply with only the final answer, as short as possible, no explanation.",
    );
    expect(good.calls[0]).toMatchObject({ temperature: 0, seed: 3 });
    // the judge is asked only about replies that neither match nor are numbers ("no idea" x2)
    expect(judge.model.calls).toHaveLength(2);
    // stored: a second run asks nobody
    expect(await run()).toEqual(results);
    expect(good.calls).toHaveLength(4);
  });

  it("records a failing candidate with its reason; a spent budget still stops the run", async () => {
    store = await memoryStore();
    const checkpoints = createCheckpoints(store, "discover-test");
    const failing = new MockLanguageModel({
      respond: (_request, index) => {
        if (index === 1) return "4";
        throw new ProviderCallError({
          provider: "mock",
          message: "HTTP 503",
          statusCode: 503,
          isRetryable: true,
        });
      },
    });
    const [result] = await evaluateCandidates({
      checkpoints,
      descriptionId: "D1",
      batch: 0,
      items,
      candidates: [{ ref: "mock:flaky", model: failing }],
      judge,
      concurrency: 1,
      seed: 0,
    });
    expect(result).toMatchObject({
      model: "mock:flaky",
      errors: 3,
      failure: "mock:flaky failed on 3 of 4 questions: HTTP 503",
    });
    expect(result?.outcomes).toEqual([
      { itemId: "D1-b0-q2", correct: true, extracted: "4", method: "exact" },
    ]);

    const broke = new MockLanguageModel({
      respond: () => {
        throw new BudgetExceededError("calls", "budget of 0 calls spent");
      },
    });
    await expect(
      evaluateCandidates({
        checkpoints,
        descriptionId: "D2",
        batch: 0,
        items,
        candidates: [{ ref: "mock:any", model: broke }],
        judge,
        concurrency: 2,
        seed: 0,
      }),
    ).rejects.toThrow(BudgetExceededError);
  });
});
