import { afterEach, describe, expect, it } from "vitest";
import type { RunStore } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { scriptedGenerator, stepOf, testContext } from "./__fixtures__/scripted-generator.js";
import type { MakeOptions } from "./options.js";
import { resumeDifferences } from "./resume-differences.js";
import { makeBenchmark } from "./run-make.js";

const stores: RunStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const options: MakeOptions = {
  demand: "world geography",
  count: 3,
  generator: "mock:scripted",
  seed: 1,
  boost: false,
  maxAttemptsPerSlot: 1,
  concurrency: 1,
};

describe("a run that accepts fewer than n items", () => {
  it("is 'stopped' with an 'incomplete' reason, and --resume fills the missing slot", async () => {
    const store = openSqliteStore(":memory:");
    await store.createRun({ id: "run-test", kind: "make", spec: {} });
    stores.push(store);
    let itemCalls = 0;
    // slots 0 and 1 get an item; slot 2 gets unusable replies (its one attempt is rejected)
    const flaky = scriptedGenerator({ item: () => (++itemCalls > 2 ? "no json here" : undefined) });
    const short = await makeBenchmark(options, testContext({ store, model: flaky }));
    expect(short.items).toHaveLength(2);
    expect(short.stats.status).toBe("stopped");
    expect(short.stats.stopReason).toBe("incomplete: accepted 2 of 3 (slot 2 used all 1 attempts)");

    const healthy = scriptedGenerator();
    const resumed = await makeBenchmark(options, testContext({ store, model: healthy }));
    expect(resumed.stats).toMatchObject({ status: "completed", accepted: 3, resumedAccepted: 2 });
    expect(resumed.items.map((item) => item.metadata?.slot)).toEqual([0, 1, 2]);
    // only slot 2 was worked on: its attempt number continues after the rejected one
    expect(resumed.items[2]?.metadata?.attempt).toBe(1);
    expect(healthy.calls.filter((call) => stepOf(call) === "generate-item")).toHaveLength(1);
  });

  it("a resume after the run-wide attempt cap still makes progress (caps are per session)", async () => {
    const store = openSqliteStore(":memory:");
    await store.createRun({ id: "run-test", kind: "make", spec: {} });
    stores.push(store);
    const capped = { ...options, maxTotalAttempts: 1 };
    const first = await makeBenchmark(capped, testContext({ store, model: scriptedGenerator() }));
    expect(first.items).toHaveLength(1);
    expect(first.stats.stopReason).toMatch(/^incomplete: accepted 1 of 3 \(attempt cap reached/);
    const second = await makeBenchmark(capped, testContext({ store, model: scriptedGenerator() }));
    expect(second.items).toHaveLength(2);
  });
});

describe("resumeDifferences", () => {
  it("lists the given keys whose values differ from the stored options", () => {
    const stored: MakeOptions = { demand: "chemistry", count: 6, generator: "m", seed: 1 };
    const given: MakeOptions = { demand: "physics", count: 6, generator: "m", seed: 2, boost: false };
    expect(resumeDifferences({ stored, given, keys: ["demand", "count", "seed", "boost"] })).toEqual([
      { key: "demand", stored: "chemistry", given: "physics" },
      { key: "seed", stored: 1, given: 2 },
      { key: "boost", stored: undefined, given: false },
    ]);
    expect(resumeDifferences({ stored, given, keys: ["count", "generator"] })).toEqual([]);
  });
});
