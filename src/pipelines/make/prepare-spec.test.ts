import { afterEach, describe, expect, it } from "vitest";
import type { RunStore } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import {
  callsByStep,
  type Script,
  scriptedGenerator,
  stepOf,
  testContext,
} from "./__fixtures__/scripted-generator.js";
import type { MakeOptions } from "./options.js";
import { SPEC_STATE_KEY } from "./prepare-spec.js";
import { makeBenchmark } from "./run-make.js";
import { MakeSpecSchema } from "./spec.js";

const stores: RunStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function run(options: Partial<MakeOptions>, script: Script) {
  const store = openSqliteStore(":memory:");
  stores.push(store);
  await store.createRun({ id: "run-test", kind: "make", spec: {} });
  const model = scriptedGenerator(script);
  const result = await makeBenchmark(
    { demand: "world geography", count: 2, generator: "mock:scripted", concurrency: 1, ...options },
    testContext({ store, model }),
  );
  return { result, model, store, steps: callsByStep(model) };
}

describe("setup steps that do not parse", () => {
  it("are retried as a fresh sample, then stop the run with a clear reason instead of becoming an ablation", async () => {
    const { result, model, store, steps } = await run(
      {},
      { setup: { "generate-attributes": () => "no JSON at all" } },
    );
    // two tries, each a reply and its repair
    expect(steps["generate-attributes"]).toBe(4);
    const tries = model.calls.filter(
      (call) => stepOf(call) === "generate-attributes" && call.messages.length === 2,
    );
    expect(tries.map((call) => call.sampleIndex)).toEqual([undefined, 1]);
    expect(steps["generate-item"]).toBeUndefined();
    expect(result.items).toEqual([]);
    expect(result.spec).toBeUndefined();
    expect(result.stats.status).toBe("stopped");
    expect(result.stats.stopReason).toMatch(
      /^incomplete: accepted 0 of 2 \(setup: generate-attributes: the reply did not parse in 2 tries \(.*not valid JSON.*\); pass --no-attr/,
    );
    // nothing is committed, so a resume tries the setup again
    expect(await store.getState("run-test", SPEC_STATE_KEY, MakeSpecSchema)).toBeUndefined();
  });

  it("the matching --no-x runs without the step; a second try that parses goes on as usual", async () => {
    const withoutAttributes = await run(
      { attributes: false },
      { setup: { "generate-attributes": () => "no JSON at all" } },
    );
    expect(withoutAttributes.result.items).toHaveLength(2);
    expect(withoutAttributes.steps["generate-attributes"]).toBeUndefined();

    const strategies = { dimensions: [{ name: "steps", values: [{ value: "many", difficulty: 5 }] }] };
    const flaky = await run(
      {},
      {
        setup: {
          "generate-strategies": ({ sampleIndex }) => (sampleIndex === 1 ? JSON.stringify(strategies) : "{}"),
        },
      },
    );
    expect(flaky.steps["generate-strategies"]).toBe(3);
    expect(flaky.result.items).toHaveLength(2);
    expect(flaky.result.spec?.strategies).toEqual(strategies.dimensions);
  });

  it.each([
    ["expand-demand", { direct: true }, /write the description into a --spec file/],
    ["generate-strategies", {}, /pass --no-strategies/],
    ["paraphrase-demand", { paraphraseDemand: true }, /drop --paraphrase-demand/],
  ] as const)("%s: the reason names the way around it", async (step, options, hint) => {
    const { result } = await run(options, { setup: { [step]: () => '{"unexpected": true}' } });
    expect(result.stats.stopReason).toMatch(new RegExp(`setup: ${step}: `));
    expect(result.stats.stopReason).toMatch(hint);
  });
});
