import { afterEach, describe, expect, it } from "vitest";
import type { RunStore } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { scriptedGenerator, testContext } from "./__fixtures__/scripted-generator.js";
import { makeBenchmark } from "./run-make.js";

const stores: RunStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function run(unparseableSamples: number) {
  const store = openSqliteStore(":memory:");
  await store.createRun({ id: "run-test", kind: "make", spec: {} });
  stores.push(store);
  const model = scriptedGenerator({
    // the first `unparseableSamples` of the 5 answers name no option; one of the rest misses
    testTaker: ({ sampleIndex, right }) => {
      if (sampleIndex < unparseableSamples) return "I cannot decide between these.";
      const wrong = right === "A" ? "B" : "A";
      return JSON.stringify({ reasoning: "r", answer: sampleIndex === 4 ? wrong : right });
    },
  });
  const result = await makeBenchmark(
    { demand: "world geography", count: 2, generator: "mock:scripted", seed: 1, maxAttemptsPerSlot: 1 },
    testContext({ store, model }),
  );
  return result;
}

describe("unparseable test-taker answers", () => {
  it("do not count as misses: beta is measured on the parseable answers", async () => {
    // 2 unparseable, 3 parseable of which 1 misses: beta = 1/3 (not 3/5)
    const result = await run(2);
    expect(result.items).toHaveLength(2);
    for (const item of result.items) expect(item.difficulty).toBeCloseTo(1 / 3, 10);
  });

  it("an item with fewer than half of its answers parseable is rejected as unanswerable, with the counts", async () => {
    // 3 unparseable of 5: only 2 parseable
    const result = await run(3);
    expect(result.items).toHaveLength(0);
    expect(result.rejected).toHaveLength(2);
    for (const rejection of result.rejected) {
      expect(rejection.reason).toMatch(/^unanswerable: only 2 of 5 /);
      expect(rejection.record).toMatchObject({ parseableAnswers: 2, testTakers: 5 });
    }
    expect(result.stats.rejectedByReason).toEqual({ unanswerable: 2 });
  });
});
