import { describe, expect, it } from "vitest";
import { createMemoryStore, createSolverContext } from "../../../test/solvers/test-context.js";
import { BudgetExceededError, UserInputError } from "../../core/errors.js";
import type { GenerateOptions, LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import { MockLanguageModel } from "../../testing/mock-language-model.js";
import { TUNE_STATE_KEY, TuneStateSchema } from "./history.js";
import { resolveTemplate, TEMPLATES, tuneBenchmark } from "./index.js";
import { describeParams } from "./param-space.js";
import { runToolLoop } from "./tool-loop.js";

/** Wraps a model to count calls and optionally fail from call `failAt` on (a crash mid-run). */
function counting(model: LanguageModel, failAt = Number.POSITIVE_INFINITY) {
  const counter = { calls: 0 };
  const wrapped: LanguageModel = {
    ...model,
    doGenerate: async (options: GenerateOptions) => {
      if (counter.calls >= failAt) throw new Error("simulated crash");
      counter.calls++;
      return model.doGenerate(options);
    },
  };
  return { model: wrapped, counter };
}

describe("tune loop with the optimizer designer", () => {
  it("converges on multi-hop to the target, confirmed on a fresh sample, and emits the benchmark", async () => {
    const store = createMemoryStore();
    const context = createSolverContext({ seed: 1, store });
    const result = await tuneBenchmark(
      {
        template: "multi-hop",
        targetModel: "solver:multi-hop",
        targetAccuracy: 0.6,
        itemsPerIter: 80,
        finalItems: 200,
        seed: 1,
      },
      context,
    );
    expect(result.stopReason).toBe("converged");
    expect(result.iterations).toBeLessThanOrEqual(10);
    const last = result.history.at(-1);
    expect(last?.confirmed).toBe(true);
    expect(last?.confirmation?.total).toBe(80);
    expect(Math.abs((last?.pooled.accuracy ?? 0) - 0.6)).toBeLessThanOrEqual(0.05);
    expect(result.final?.deviation).toBeLessThan(0.1);
    // The deviation's interval comes from the final accuracy's Wilson interval and contains it.
    const { measurement, deviation, deviationInterval, size } = result.final ?? {};
    expect(deviationInterval?.low).toBeLessThanOrEqual(deviation ?? -1);
    expect(deviationInterval?.high).toBeGreaterThanOrEqual(deviation ?? 2);
    expect(deviationInterval?.high).toBeCloseTo(
      Math.max(
        Math.abs((measurement?.interval.low ?? 0) - 0.6),
        Math.abs((measurement?.interval.high ?? 0) - 0.6),
      ),
      12,
    );
    // 200 items at t = 0.6: sqrt(0.24/200) = 0.0346 > 0.025, so the size note says it misses the bound.
    expect(size?.standardError).toBeCloseTo(Math.sqrt(0.24 / 200), 12);
    expect(size?.meetsBound).toBe(false);
    expect(result.final?.items).toHaveLength(200);
    expect(result.final?.items[0]?.metadata?.params).toEqual(result.best?.params);
    // Every iteration is committed to the store.
    const state = await store.getState(context.runId, TUNE_STATE_KEY, TuneStateSchema);
    expect(state?.history).toHaveLength(result.iterations);
    expect(store.items).toHaveLength(200);
  });

  it("resumes without repeating measured iterations and ends as an uninterrupted run would", async () => {
    const options = {
      template: "spatial-reasoning",
      targetModel: "solver:grid",
      targetAccuracy: 0.5,
      tolerance: 0,
      itemsPerIter: 20,
      finalItems: 10,
      seed: 4,
    } as const;
    const run = async (maxIters: number, store = createMemoryStore(), failAt = Number.POSITIVE_INFINITY) => {
      const base = createSolverContext({ seed: 4, store });
      const wrapped = counting(base.resolveModel("solver:grid"), failAt);
      const context = { ...base, resolveModel: () => wrapped.model };
      return {
        result: await tuneBenchmark({ ...options, maxIters }, context),
        calls: wrapped.counter.calls,
        store,
      };
    };
    const uninterrupted = await run(4);
    const firstPart = await run(2);
    const resumed = await run(4, firstPart.store);
    expect(resumed.result.history).toEqual(uninterrupted.result.history);
    // The second session measured only iterations 3 and 4 (plus its own final benchmark).
    expect(resumed.calls).toBe(uninterrupted.calls - (firstPart.calls - 10));
    // A crash in the middle of iteration 2 loses only that iteration's partial work.
    const crashStore = createMemoryStore();
    const first = uninterrupted.result.history[0]!;
    const crashAt = first.measurement.total + (first.confirmation?.total ?? 0) + 5;
    await expect(run(4, crashStore, crashAt)).rejects.toThrow("simulated crash");
    const crashed = await crashStore.getState("test-run", TUNE_STATE_KEY, TuneStateSchema);
    expect(crashed?.history).toHaveLength(1);
    expect(crashed?.pending).toBeDefined();
    const recovered = await run(4, crashStore);
    expect(recovered.result.history).toEqual(uninterrupted.result.history);
  });
});

describe("budget stop", () => {
  it("still emits the best params' benchmark with a fresh seed, marked unmeasured, without more calls", async () => {
    const store = createMemoryStore();
    const base = createSolverContext({ seed: 6, store });
    const solver = base.resolveModel("solver:grid");
    let calls = 0;
    // Two iterations of 20 items fit (no confirmation at tolerance 0 unless exact); the third runs out.
    const limited: LanguageModel = {
      ...solver,
      doGenerate: async (options: GenerateOptions) => {
        if (calls >= 45) throw new BudgetExceededError("calls", "call budget of 45 spent");
        calls++;
        return solver.doGenerate(options);
      },
    };
    const result = await tuneBenchmark(
      {
        template: "spatial-reasoning",
        targetModel: "solver:grid",
        targetAccuracy: 0.5,
        tolerance: 0,
        maxIters: 5,
        itemsPerIter: 20,
        finalItems: 15,
        seed: 6,
      },
      { ...base, resolveModel: () => limited },
    );
    expect(result.stopReason).toBe("budget");
    expect(result.best).toBeDefined();
    expect(calls).toBe(45);
    expect(result.final?.measurement).toBeUndefined();
    expect(result.final?.deviation).toBeUndefined();
    expect(result.final?.items).toHaveLength(15);
    expect(result.final?.items[0]?.metadata?.params).toEqual(result.best?.params);
    // Fresh seed: not the items of any measured iteration.
    expect(result.final?.seed).not.toBe(6);
    expect(store.items).toHaveLength(15);
  });
});

describe("baseline designers", () => {
  it("random search draws in-range params each iteration and keeps the closest", async () => {
    const result = await tuneBenchmark(
      {
        template: "spatial-reasoning",
        targetModel: "solver:grid",
        targetAccuracy: 0.5,
        designer: "random",
        tolerance: 0,
        maxIters: 5,
        itemsPerIter: 20,
        seed: 2,
      },
      createSolverContext({ seed: 2 }),
    );
    expect(result.history).toHaveLength(5);
    const { specs } = describeParams(TEMPLATES["spatial-reasoning"].paramsSchema);
    for (const entry of result.history) {
      expect(entry.designer).toBe("random");
      for (const spec of specs) {
        const value = entry.params[spec.name] as number;
        expect(value).toBeGreaterThanOrEqual(spec.min ?? 0);
        expect(value).toBeLessThanOrEqual(spec.max ?? 0);
      }
    }
    expect(new Set(result.history.map((entry) => JSON.stringify(entry.params))).size).toBe(5);
    const gaps = result.history.map((entry) => Math.abs(entry.pooled.accuracy - 0.5));
    expect(Math.abs((result.best?.pooled.accuracy ?? 0) - 0.5)).toBe(Math.min(...gaps));
  });

  it("one-shot proposes once without feedback; the default final size bounds the standard error", async () => {
    const result = await tuneBenchmark(
      {
        template: "multi-hop",
        targetModel: "solver:multi-hop",
        targetAccuracy: 0.4,
        designer: "one-shot",
        itemsPerIter: 20,
        seed: 3,
      },
      createSolverContext(),
    );
    expect(result.iterations).toBe(1);
    expect(result.stopReason === "single-proposal" || result.stopReason === "converged").toBe(true);
    // t(1-t)/(tol/2)^2 = 0.24 / 0.025^2 = 384 items, not the 20 of an iteration.
    expect(result.final?.items).toHaveLength(384);
    expect(result.final?.size).toMatchObject({ size: 384, meetsBound: true });
    expect(result.final?.measurement?.total).toBe(384);
  });
});

describe("LLM designer", () => {
  const params = { hops: 2, tableSize: 10, distractorFacts: 3, mcqOptions: 4 };
  const run = (designer: MockLanguageModel, maxIters = 2) =>
    tuneBenchmark(
      {
        template: "multi-hop",
        targetModel: "solver:multi-hop",
        targetAccuracy: 0.6,
        designer: "llm",
        designerModel: "mock:designer",
        tolerance: 0,
        maxIters,
        itemsPerIter: 20,
        seed: 5,
      },
      createSolverContext({ models: { "mock:designer": designer } }),
    );

  it("uses the proposed params, sees schema, target and history, at temperature 0.5", async () => {
    const designer = new MockLanguageModel({
      respond: JSON.stringify({ params, rationale: "two hops should be moderate" }),
    });
    const result = await run(designer);
    expect(result.history.map((entry) => entry.params)).toEqual([params, params]);
    expect(result.history[0]?.designer).toBe("llm");
    expect(result.history[0]?.rationale).toBe("two hops should be moderate");
    expect(designer.calls[0]?.temperature).toBe(0.5);
    const firstPrompt = designer.lastUserMessage(0);
    for (const name of Object.keys(params)) expect(firstPrompt).toContain(`- ${name}: integer in [`);
    expect(firstPrompt).toContain("Target model accuracy: 0.6");
    expect(firstPrompt).toContain("(no measurements yet)");
    expect(designer.lastUserMessage(1)).toContain(
      `-> accuracy ${result.history[0]?.pooled.accuracy.toFixed(3)}`,
    );
  });

  it("takes its temperature from designerTemperature (the betal preset pins 0.5)", async () => {
    const reply = JSON.stringify({ params, rationale: "r" });
    const cool = new MockLanguageModel({ respond: reply });
    await tuneBenchmark(
      {
        template: "multi-hop",
        targetModel: "solver:multi-hop",
        targetAccuracy: 0.6,
        designer: "llm",
        designerModel: "mock:designer",
        designerTemperature: 0.1,
        tolerance: 0,
        maxIters: 1,
        itemsPerIter: 10,
        seed: 5,
      },
      createSolverContext({ models: { "mock:designer": cool } }),
    );
    expect(cool.calls[0]?.temperature).toBe(0.1);
    const betal = new MockLanguageModel({ respond: reply });
    const result = await tuneBenchmark(
      {
        template: "multi-hop",
        targetModel: "solver:multi-hop",
        // 0.65 is no multiple of 1/10: at tolerance 0 nothing converges, all 10 iterations run.
        targetAccuracy: 0.65,
        preset: "betal",
        designer: "llm",
        designerModel: "mock:designer",
        tolerance: 0,
        itemsPerIter: 10,
        finalItems: 10,
        seed: 5,
      },
      createSolverContext({ models: { "mock:designer": betal } }),
    );
    expect(result.iterations).toBe(10);
    expect(new Set(betal.calls.map((call) => call.temperature))).toEqual(new Set([0.5]));
    expect(betal.lastUserMessage(0)).toContain("Iteration 1 of 10.");
  });

  it("falls back to the optimizer's proposal when the output stays invalid after repair, and records it", async () => {
    const designer = new MockLanguageModel({ respond: "I think more hops, maybe?" });
    const result = await run(designer, 1);
    expect(designer.calls).toHaveLength(2);
    const entry = result.history[0];
    expect(entry?.designer).toBe("optimizer");
    expect(entry?.fallback).toMatch(/llm designer output unusable/);
  });

  it("accepts a repaired reply without falling back", async () => {
    const designer = new MockLanguageModel({
      respond: ["not json", JSON.stringify({ params, rationale: "fixed" })],
    });
    const result = await run(designer, 1);
    expect(result.history[0]?.designer).toBe("llm");
    expect(result.history[0]?.fallback).toBeUndefined();
  });
});

describe("custom template modules", () => {
  it("loads a user template file and tunes it", async () => {
    const template = await resolveTemplate("test/fixtures/tune-parity-template.ts");
    expect(template.name).toBe("parity");
    // Target: adds up to 6 digits correctly, then always says "yes".
    const target = new MockLanguageModel({
      respond: (options) => {
        const digits = (/Digits: ([\d ]+)\./.exec(options.messages.at(-1)?.content ?? "")?.[1] ?? "")
          .split(" ")
          .map(Number);
        const sum = digits.reduce((total, digit) => total + digit, 0);
        return `Answer: ${digits.length <= 6 ? (sum % 2 === 0 ? "yes" : "no") : "yes"}`;
      },
    });
    const result = await tuneBenchmark(
      { template, targetModel: "mock:parity", targetAccuracy: 0.75, itemsPerIter: 60, maxIters: 6, seed: 1 },
      createSolverContext({ models: { "mock:parity": target } }),
    );
    expect(result.template).toBe("parity");
    expect(result.history.length).toBeGreaterThan(0);
    expect(result.final?.items[0]?.category).toBe("parity");
  });

  it("a module missing parts fails with one clear error naming them", async () => {
    const attempt = resolveTemplate("test/fixtures/tune-broken-template.ts");
    await expect(attempt).rejects.toSatisfy(UserInputError.isInstance);
    await expect(resolveTemplate("test/fixtures/tune-broken-template.ts")).rejects.toThrow(
      /missing `score\(item, answer\)`/,
    );
    await expect(resolveTemplate("test/fixtures/tune-unbounded-template.ts")).rejects.toThrow(
      /"size" needs both \.min\(\) and \.max\(\)/,
    );
    await expect(resolveTemplate("no-such-template")).rejects.toThrow(/unknown template "no-such-template"/);
  });
});

describe("tool loop", () => {
  const tools = TEMPLATES["tool-use"].tools!;
  const item = TEMPLATES["tool-use"].generate(
    { requiredCalls: 1, policyConstraints: 0, distractingRecords: 0 },
    createRng(1),
    1,
  )[0]!;

  it("executes the model's tool calls against the simulated store and feeds results back", async () => {
    const model = new MockLanguageModel({
      respond: [
        { toolCalls: [{ id: "c1", name: "find_orders", arguments: { customer: "nobody" } }] },
        "done",
      ],
    });
    const result = await runToolLoop({ model, item, prompt: item.question, tools });
    expect(result.turns).toBe(2);
    expect(model.calls[0]?.tools?.map((tool) => tool.name)).toContain("refund");
    expect(model.calls[1]?.messages.at(-1)).toEqual({
      role: "tool",
      toolCallId: "c1",
      toolName: "find_orders",
      content: "[]",
    });
    // Nothing was changed, so the end state is the initial store, which is not the expected one.
    expect(TEMPLATES["tool-use"].score(item, result.endState)).toBe(false);
  });

  it("stops at the turn bound when the model never stops calling tools", async () => {
    const model = new MockLanguageModel({
      respond: { toolCalls: [{ id: "c", name: "lookup_order", arguments: { order_id: "O1" } }] },
    });
    const result = await runToolLoop({ model, item, prompt: item.question, tools });
    expect(result.turns).toBe(tools.maxTurns);
  });
});
