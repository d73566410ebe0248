import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ProviderCallError } from "../../core/errors.js";
import { ItemSchema } from "../../core/item.js";
import { wrapModel } from "../../core/language-model.js";
import type { RunStore } from "../../core/store-spec.js";
import { budgetMiddleware, createBudgetTracker } from "../../llm/middleware/budget.js";
import { cacheMiddleware } from "../../llm/middleware/cache.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { MockLanguageModel } from "../../testing/index.js";
import {
  callsByStep,
  defaultItem,
  promptText,
  scriptedGenerator,
  stepOf,
  testContext,
} from "./__fixtures__/scripted-generator.js";
import { estimateMakeCost } from "./estimate-cost.js";
import type { MakeOptions } from "./options.js";
import { makeBenchmark } from "./run-make.js";

const stores: RunStore[] = [];
async function memoryStore(runId = "run-test"): Promise<RunStore> {
  const store = openSqliteStore(":memory:");
  await store.createRun({ id: runId, kind: "make", spec: {} });
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

// Sequential slots (the library default is 4 at a time): the tests below count on acceptance order.
const base: MakeOptions = {
  demand: "world geography",
  count: 3,
  generator: "mock:scripted",
  seed: 1,
  concurrency: 1,
};

async function run(options: Partial<MakeOptions>, script: Parameters<typeof scriptedGenerator>[0] = {}) {
  const model = scriptedGenerator(script);
  const store = await memoryStore();
  const result = await makeBenchmark({ ...base, ...options }, testContext({ store, model }));
  return { model, store, result, steps: callsByStep(model) };
}

describe("makeBenchmark: the full pipeline", () => {
  it("runs setup once, then L candidates + T test-takers per item, and stores valid items with provenance", async () => {
    const { model, result, steps, store } = await run({});
    // setup: expand + attributes + strategies; per item: 5 candidates + 5 test-takers
    expect(steps).toEqual({
      "expand-demand": 1,
      "generate-attributes": 1,
      "generate-strategies": 1,
      "generate-item": 15,
      "test-taker": 15,
    });
    expect(model.calls).toHaveLength(3 + 3 * (5 + 5));
    expect(result.stats.status).toBe("completed");
    expect(result.items).toHaveLength(3);
    for (const item of result.items) {
      expect(ItemSchema.safeParse(item).success).toBe(true);
      expect(item.options?.[item.answer.charCodeAt(0) - 65]).toMatch(/^RIGHT/);
      expect(item.difficulty).toBe(0);
      expect(item.provenance).toMatchObject({
        pipeline: "make",
        step: "generate-item",
        model: "mock:scripted",
        seed: 1,
        llmCalls: 10,
      });
      expect(item.provenance?.reasoning).toContain("analysis:");
      expect(Object.keys(item.provenance?.attributes ?? {}).sort()).toEqual(["kind", "region"]);
      expect(item.provenance?.promptHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(await store.listItems("run-test", { status: "accepted" })).toHaveLength(3);
    // the expanded description, attributes and strategy reach the generation prompt
    const generation = model.calls.find((call) => stepOf(call) === "generate-item");
    const prompt = generation ? promptText(generation) : "";
    expect(prompt).toContain("TASK-DESC");
    expect(prompt).toMatch(/- region: (europe|asia|africa)/);
    // slot 0 of 3 draws from the first bin of the harder half: STEPS-5 + TRAP-none (sum 7)
    expect(prompt).toContain("- steps: STEPS-5\n- trap: TRAP-none");
    expect(result.items[0]?.metadata?.strategy).toMatchObject({
      bin: 0,
      bins: 10,
      combination: { steps: "STEPS-5", trap: "TRAP-none" },
    });
    expect(result.items.map((item) => item.metadata?.labelSource)).toEqual([
      "test-takers",
      "test-takers",
      "test-takers",
    ]);
  });

  it("the dry-run estimate matches the calls a run without conflicts makes", async () => {
    for (const options of [
      {},
      { direct: true },
      { boost: false },
      { format: "open" as const, attributes: false },
    ]) {
      const { model } = await run(options);
      const estimate = estimateMakeCost({ ...base, ...options });
      expect(model.calls.length).toBe(estimate.total.minCalls);
    }
  });

  it("each --no-x switch removes its step and its calls", async () => {
    const full = await run({});
    const noAttr = await run({ attributes: false });
    expect(noAttr.steps["generate-attributes"]).toBeUndefined();
    expect(noAttr.model.calls.length).toBe(full.model.calls.length - 1);
    expect(
      noAttr.result.items.every((item) => Object.keys(item.provenance?.attributes ?? {}).length === 0),
    ).toBe(true);

    const noBoost = await run({ boost: false });
    expect(noBoost.steps["generate-item"]).toBe(3);
    expect(noBoost.model.calls.length).toBe(full.model.calls.length - 3 * 4);

    const noSelfCorrect = await run({ selfCorrect: false });
    const generation = noSelfCorrect.model.calls.filter((call) => stepOf(call) === "generate-item");
    expect(generation.every((call) => !promptText(call).includes('"analysis"'))).toBe(true);
    expect(noSelfCorrect.result.items.every((item) => item.provenance?.reasoning === undefined)).toBe(true);

    const noDiffusion = await run({ diffusion: false });
    expect(noDiffusion.model.calls.every((call) => !promptText(call).includes("HARDER"))).toBe(true);
    expect(full.model.calls.some((call) => promptText(call).includes("HARDER"))).toBe(true);
    expect(noDiffusion.result.items.every((item) => item.provenance?.references?.length === 0)).toBe(true);

    const noStrategies = await run({ strategies: false });
    expect(noStrategies.steps["generate-strategies"]).toBeUndefined();

    const direct = await run({ direct: true });
    expect(direct.steps).toEqual({ "expand-demand": 1, "direct-item": 3 });
    // the Direct Prompt baseline: its own 1-10 rating is the label
    for (const item of direct.result.items) {
      const rating = item.metadata?.generatorRating as number;
      expect(item.difficulty).toBeCloseTo((rating - 1) / 9, 10);
      expect(item.metadata?.labelSource).toBe("rating");
    }
    const directPrompt = promptText(direct.model.calls[1] ?? { messages: [] });
    expect(directPrompt).toContain("Task: TASK-DESC");
    expect(directPrompt).toContain('"difficulty": <1-10>');
    expect(directPrompt).not.toContain("HARDER");

    const noTestTaker = await run({ testTaker: false, discriminate: false });
    expect(noTestTaker.steps["test-taker"]).toBeUndefined();
    expect(noTestTaker.model.calls.length).toBe(full.model.calls.length - 3 * 5);
    expect(noTestTaker.result.items.every((item) => item.metadata?.labelSource === "rating")).toBe(true);
  });

  it("diffusion shows items accepted earlier as references and records their ids", async () => {
    const { result, model } = await run({ count: 4, references: 2 });
    const [first, second, third] = result.items;
    expect(first?.provenance?.references).toEqual([]);
    expect(second?.provenance?.references).toEqual([first?.id]);
    expect([...(third?.provenance?.references ?? [])].sort()).toEqual([first?.id, second?.id].sort());
    const thirdPrompt = model.calls
      .filter((call) => stepOf(call) === "generate-item")
      .map(promptText)
      .find((prompt) => prompt.includes(second?.question ?? "none"));
    expect(thirdPrompt).toContain(first?.question);
  });

  it("the difficulty label is the share of test-taker answers that miss the label", async () => {
    const wrong = (right: string) => (right === "A" ? "B" : "A");
    const { result } = await run(
      {},
      {
        // samples 0 and 1 miss, 2-4 hit: beta = 2/5
        testTaker: ({ sampleIndex, right }) =>
          JSON.stringify({ reasoning: "r", answer: sampleIndex < 2 ? wrong(right) : right }),
      },
    );
    expect(result.items.map((item) => item.difficulty)).toEqual([0.4, 0.4, 0.4]);
    expect(result.items[0]?.metadata?.testTakerAnswers).toHaveLength(5);
  });

  describe("conflict-guided contrastive discrimination", () => {
    // 3 of 5 test-takers pick the same wrong letter: the majority disagrees with the label
    const conflicting = {
      testTaker: ({ sampleIndex, right }: { sampleIndex: number; right: string }) => {
        const wrong = right === "A" ? "B" : "A";
        return JSON.stringify({
          reasoning: `MAJORITY-RATIONALE ${sampleIndex}`,
          answer: sampleIndex < 3 ? wrong : right,
        });
      },
    };

    it("a conflicting majority triggers discrimination in both orders; a 'flawed' verdict rejects with the reason", async () => {
      const { steps, result } = await run({ count: 2, maxAttemptsPerSlot: 1 }, conflicting);
      expect(steps.discriminate).toBe(4);
      expect(result.items).toHaveLength(0);
      expect(result.rejected.map((rejection) => rejection.reason)).toEqual([
        "discrimination-rejected: both orders found the item flawed",
        "discrimination-rejected: both orders found the item flawed",
      ]);
      expect(result.stats.rejectedByReason).toEqual({ "discrimination-rejected": 2 });
    });

    // The verdict names the option whose text starts with RIGHT (the label) or the other one.
    const verdictFor = (pick: "label" | "majority") => ({
      discriminate: ({ prompt }: { prompt: string }) => {
        const right = /^([A-Z])\. RIGHT/m.exec(prompt)?.[1];
        const first = /Solution 1 \(answer ([A-Z])/.exec(prompt)?.[1];
        const second = /Solution 2 \(answer ([A-Z])/.exec(prompt)?.[1];
        const majority = first === right ? second : first;
        return JSON.stringify({ comparison: `${pick} holds`, verdict: pick === "label" ? right : majority });
      },
    });

    it("shows both rationales in both orders; both verdicts for the label keep the item", async () => {
      const keep = await run({ count: 1 }, { ...conflicting, ...verdictFor("label") });
      const prompts = keep.model.calls.filter((call) => stepOf(call) === "discriminate").map(promptText);
      expect(prompts).toHaveLength(2);
      expect(prompts[0]).toMatch(/Solution 1 \(answer [A-D]\. RIGHT[^)]*\):\nanalysis:/);
      expect(prompts[1]).toMatch(/Solution 1 \(answer [A-D]\. wrong[^)]*\):\nMAJORITY-RATIONALE/);
      expect(prompts[0]).toContain("solve it");
      expect(keep.result.items[0]?.difficulty).toBe(0.6);
      expect(keep.result.items[0]?.metadata?.discrimination).toBe("keep");
    });

    it("a fix needs both verdicts AND 80% of the test-takers; the winning solution is stored", async () => {
      const weak = await run(
        { count: 1, maxAttemptsPerSlot: 1 },
        { ...conflicting, ...verdictFor("majority") },
      );
      expect(weak.result.items).toHaveLength(0);
      expect(weak.result.rejected[0]?.reason).toMatch(
        /^discrimination-uncertain: .* only 3 of 5 test-takers/,
      );

      const strong = {
        testTaker: ({ sampleIndex, right }: { sampleIndex: number; right: string }) =>
          JSON.stringify({
            reasoning: `MAJORITY-RATIONALE ${sampleIndex}`,
            answer: sampleIndex < 4 ? (right === "A" ? "B" : "A") : right,
          }),
      };
      const fix = await run({ count: 1 }, { ...strong, ...verdictFor("majority") });
      const item = fix.result.items[0];
      expect(item?.options?.[(item?.answer.charCodeAt(0) ?? 0) - 65]).toMatch(/^wrong/);
      // relabelled: 1 of 5 answers now misses the new label
      expect(item?.difficulty).toBe(0.2);
      expect(item?.metadata?.originalAnswer).toMatch(/^[A-D]$/);
      expect(item?.explanation).toBe("MAJORITY-RATIONALE 0");
      expect(item?.provenance?.reasoning).toBe("discrimination: majority holds\nmajority holds");
    });

    it("verdicts that disagree between the orders reject the item", async () => {
      const biased = {
        discriminate: ({ prompt }: { prompt: string }) =>
          JSON.stringify({ comparison: "1", verdict: /Solution 1 \(answer ([A-Z])/.exec(prompt)?.[1] }),
      };
      const { result } = await run({ count: 1, maxAttemptsPerSlot: 1 }, { ...conflicting, ...biased });
      expect(result.rejected[0]?.reason).toMatch(/^discrimination-disagreed: /);
    });

    it("--no-discriminate removes the call and keeps the conflicting item as labelled", async () => {
      const { steps, result } = await run({ count: 2, discriminate: false }, conflicting);
      expect(steps.discriminate).toBeUndefined();
      expect(result.items).toHaveLength(2);
      expect(result.items.every((item) => item.difficulty === 0.6)).toBe(true);
    });
  });

  it("the redundancy filter rejects a near-duplicate of an accepted item, and a slot gives up after its attempts", async () => {
    const same = JSON.stringify({
      question: "What is the capital of France?",
      options: ["RIGHT Paris", "Lyon", "Nice", "Lille"],
      answer: "A",
      explanation: "",
    });
    const { result, steps } = await run(
      { count: 2, boost: false, selfCorrect: false, maxAttemptsPerSlot: 2 },
      { item: () => same },
    );
    expect(result.items).toHaveLength(1);
    expect(result.rejected.map((rejection) => rejection.reason)).toEqual([
      expect.stringMatching(/^duplicate: near-duplicate of run-test-0 \(3-gram Jaccard 1.00\)/),
      expect.stringMatching(/^duplicate:/),
    ]);
    expect(result.stats.exhaustedSlots).toEqual([1]);
    expect(steps["generate-item"]).toBe(3);
  });

  it("invalid JSON twice (reply + repair) rejects the attempt with the reason and the run continues", async () => {
    let generationCalls = 0;
    const { result, model } = await run(
      { count: 2, boost: false },
      {
        item: (context) =>
          generationCalls++ < 2 ? "Sure! Here is a question: what is {broken" : defaultItem(context),
      },
    );
    expect(result.items).toHaveLength(2);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ slot: 0, attempt: 0 });
    expect(result.rejected[0]?.reason).toMatch(/^invalid-output: .*not valid JSON/);
    // the repair call saw the broken reply
    const repair = model.calls.find((call) => call.messages.some((message) => message.role === "assistant"));
    expect(repair?.messages.at(-1)?.content).toContain("could not be used");
    expect(result.items[0]?.metadata).toMatchObject({ slot: 0, attempt: 1 });
  });

  it("a run that accepts nothing stops at the attempt caps and reports the reasons", async () => {
    const { result, model } = await run(
      { count: 5, boost: false, maxAttemptsPerSlot: 3 },
      { item: () => "no json here" },
    );
    expect(result.items).toHaveLength(0);
    // total cap max(2n, 3) = 10 attempts, each one reply + one repair
    expect(result.rejected).toHaveLength(10);
    expect(result.stats.rejectedByReason).toEqual({ "invalid-output": 10 });
    expect(result.stats.status).toBe("stopped");
    expect(result.stats.stopReason).toMatch(/attempt cap/);
    expect(model.calls.filter((call) => stepOf(call) === "generate-item")).toHaveLength(20);
  });

  it("a failing provider call rejects the attempt; a provider that keeps failing stops the run", async () => {
    let failures = 0;
    const { result } = await run(
      { count: 3, boost: false },
      {
        item: (context) => {
          if (context.sampleIndex === 0 && failures++ === 0) {
            throw new ProviderCallError({
              provider: "mock",
              message: "prompt exceeds the context size",
              isRetryable: false,
            });
          }
          return defaultItem(context);
        },
      },
    );
    expect(result.items).toHaveLength(3);
    expect(result.rejected.map((rejection) => rejection.reason)).toEqual([
      "provider-error: prompt exceeds the context size",
    ]);

    const down = await run(
      { count: 3, boost: false },
      {
        item: () => {
          throw new ProviderCallError({ provider: "mock", message: "401 unauthorized", isRetryable: false });
        },
      },
    );
    expect(down.result.items).toHaveLength(0);
    expect(down.result.stats.rejectedByReason).toEqual({ "provider-error": 3 });
    expect(down.result.stats.stopReason).toMatch(/provider keeps failing/);
  });

  it("a budget stop keeps the accepted items and reports status stopped", async () => {
    const inner = scriptedGenerator();
    const tracker = createBudgetTracker({ maxCalls: 3 + 2 * 10 + 4 });
    const model = wrapModel(inner, [budgetMiddleware(tracker)]);
    const store = await memoryStore();
    const result = await makeBenchmark({ ...base, count: 5 }, testContext({ store, model }));
    expect(result.stats.status).toBe("stopped");
    expect(result.stats.stopReason).toMatch(/^incomplete: accepted 2 of 5 \(budget/);
    expect(result.items).toHaveLength(2);
    expect(await store.listItems("run-test", { status: "accepted" })).toHaveLength(2);
    expect(result.rejected).toHaveLength(0);
  });

  it("open format converts each checked MCQ into an open question; 10-option MCQs are supported", async () => {
    const open = await run({ format: "open", count: 2 });
    expect(open.steps["convert-open"]).toBe(2);
    expect(open.steps["test-taker-open"]).toBe(10);
    for (const item of open.result.items) {
      expect(item).toMatchObject({
        format: "open",
        question: expect.stringMatching(/^OPEN Which of these/),
        answer: expect.stringMatching(/^RIGHT /),
        difficulty: 0,
      });
      expect(item.options).toBeUndefined();
      expect(ItemSchema.safeParse(item).success).toBe(true);
    }
    const ten = await run({ optionCount: 10, count: 2 });
    expect(
      ten.result.items.every((item) => item.options?.length === 10 && ItemSchema.safeParse(item).success),
    ).toBe(true);
  });

  it("--paraphrase-demand rewrites the demand first, generates from it and records both", async () => {
    const { steps, result, model } = await run({ paraphraseDemand: true, count: 1 });
    expect(steps["paraphrase-demand"]).toBe(1);
    expect(result.stats).toMatchObject({
      demand: "world geography",
      paraphrasedDemand: "PARAPHRASED demand about geography",
    });
    const generation = model.calls.find((call) => stepOf(call) === "generate-item");
    expect(generation && promptText(generation)).toContain("Demand: PARAPHRASED");
  });

  it("a given spec skips the setup calls and is used verbatim", async () => {
    const { steps, model } = await run({
      spec: {
        description: { task: "HAND-TASK", query: "q", options: "o" },
        attributes: [{ name: "era", values: ["HAND-ERA"] }],
        strategies: [{ name: "hand", values: [{ value: "HAND-STRATEGY", difficulty: 3 }] }],
      },
    });
    expect(steps["expand-demand"] ?? 0).toBe(0);
    expect(steps["generate-attributes"] ?? 0).toBe(0);
    const prompt = promptText(model.calls[0] ?? { messages: [] });
    expect(prompt).toContain("HAND-TASK");
    expect(prompt).toContain("- era: HAND-ERA");
    expect(prompt).toContain("- hand: HAND-STRATEGY");
  });

  it("works several slots concurrently and stays deterministic given the seed", async () => {
    const first = await run({ count: 6, concurrency: 3 }, { delayMs: 5 });
    const second = await run({ count: 6, concurrency: 3 }, { delayMs: 1 });
    const strip = (items: typeof first.result.items) =>
      items.map(({ provenance, ...rest }) => ({ ...rest, references: provenance?.references }));
    expect(strip(first.result.items)).toEqual(strip(second.result.items));
    expect(first.result.items.map((item) => item.metadata?.slot)).toEqual([0, 1, 2, 3, 4, 5]);
    // window-level diffusion: slot i sees the items accepted up to slot i - 3
    const references = first.result.items.map((item) => item.provenance?.references?.length);
    expect(references).toEqual([0, 0, 0, 1, 2, 3]);
    expect(first.result.items[4]?.provenance?.references?.sort()).toEqual(["run-test-0", "run-test-1"]);
    expect(first.model.calls.length).toBe(3 + 6 * 10);
  });
});

describe("makeBenchmark: resume", () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it("after a crash, resume reuses stored items and the cached responses: no call is repeated", async () => {
    const directory = mkdtempSync(join(tmpdir(), "make-resume-"));
    directories.push(directory);
    const options = { ...base, count: 4 };

    // Reference: one uninterrupted run in its own store.
    const reference = scriptedGenerator();
    const referenceStore = openSqliteStore(join(directory, "reference.sqlite"));
    stores.push(referenceStore);
    await referenceStore.createRun({ id: "run-test", kind: "make", spec: {} });
    const cachedReference = wrapModel(reference, [
      cacheMiddleware({ cache: referenceStore, runId: "run-test" }),
    ]);
    const uninterrupted = await makeBenchmark(
      options,
      testContext({ store: referenceStore, model: cachedReference }),
    );

    // Crash on the 27th provider call (a candidate of the third item), then resume on the same file.
    const path = join(directory, "crash.sqlite");
    const crashing = scriptedGenerator();
    let count = 0;
    const answered: Promise<unknown>[] = [];
    // Same provider/model id as the resumed generator, so the cache keys match.
    const crashModel = new MockLanguageModel({
      modelId: "scripted-generator",
      respond: async (call) => {
        if (++count === 27) throw new Error("simulated crash");
        const reply = crashing.doGenerate(call);
        answered.push(reply);
        return reply;
      },
    });
    const firstStore = openSqliteStore(path);
    await firstStore.createRun({ id: "run-test", kind: "make", spec: {} });
    const firstModel = wrapModel(crashModel, [cacheMiddleware({ cache: firstStore, runId: "run-test" })]);
    await expect(
      makeBenchmark(options, testContext({ store: firstStore, model: firstModel })),
    ).rejects.toThrow("simulated crash");
    const acceptedBeforeCrash = (await firstStore.listItems("run-test", { status: "accepted" })).map(
      (stored) => stored.item.id,
    );
    // Calls still in flight at the crash are committed once they are answered: wait for them (on a
    // loaded box a fixed pause was not always enough), then count what was committed.
    await Promise.allSettled(answered);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const committedCalls = (await firstStore.callStats("run-test")).calls;
    await firstStore.close();
    expect(acceptedBeforeCrash).toEqual(["run-test-0", "run-test-1"]);

    const resumed = scriptedGenerator();
    const secondStore = openSqliteStore(path);
    stores.push(secondStore);
    const secondModel = wrapModel(resumed, [cacheMiddleware({ cache: secondStore, runId: "run-test" })]);
    const result = await makeBenchmark(options, testContext({ store: secondStore, model: secondModel }));

    expect(result.stats.resumedAccepted).toBe(2);
    expect(result.items).toEqual(
      uninterrupted.items.map((item) => ({
        ...item,
        provenance: { ...item.provenance, elapsedMs: expect.any(Number) },
      })),
    );
    // every response committed before the crash is reused; only the rest is asked for again
    expect(resumed.calls.length).toBe(reference.calls.length - committedCalls);
    expect(committedCalls).toBeGreaterThanOrEqual(26);
    expect(resumed.calls.some((call) => stepOf(call) === "expand-demand")).toBe(false);
  });
});
