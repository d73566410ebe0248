import { describe, expect, it } from "vitest";
import { type PipelineContext, silentLogger, silentProgress } from "../core/context.js";
import type { Item } from "../core/item.js";
import type { GenerateOptions } from "../core/language-model.js";
import { createRng } from "../core/rng.js";
import { normalCdf, wilsonInterval } from "../stats/intervals.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import { MockLanguageModel, type MockResponder } from "../testing/index.js";
import { evaluateBenchmark } from "./evaluate-benchmark.js";
import { EvalResultsSchema } from "./results-schema.js";

const MCQ: Item[] = Array.from({ length: 8 }, (_, index) => ({
  id: `q${index}`,
  format: "mcq" as const,
  question: `What is ${index} plus one?`,
  options: [String(index + 1), String(index + 2), String(index + 3), String(index + 4)],
  answer: "ABCD"[index % 4] as string,
  difficulty: index / 8,
}));
const OPEN: Item[] = [
  { id: "o1", format: "open", question: "Capital of France?", answer: "Paris" },
  { id: "o2", format: "open", question: "How many metres in a kilometre?", answer: "1,000" },
];
const ITEMS = [...MCQ, ...OPEN];

function itemOf(options: GenerateOptions): Item {
  const text = options.messages.map((message) => message.content).join("\n");
  const item = ITEMS.find((candidate) => text.includes(candidate.question));
  if (!item) throw new Error("prompt names no known item");
  return item;
}

/** Correct letter on even-numbered items, "A" on odd ones, prose on open items. */
const halfRight: MockResponder = (options) => {
  const item = itemOf(options);
  if (item.format === "open") return item.id === "o1" ? "The answer is: paris." : "one thousand";
  return Number(item.id.slice(1)) % 2 === 0 ? `The answer is (${item.answer}).` : "A";
};
const alwaysRight: MockResponder = (options) => itemOf(options).answer;

async function makeContext(models: Record<string, MockLanguageModel>, runId = "run-1") {
  const store = openSqliteStore(":memory:");
  await store.createRun({ id: runId, kind: "eval", spec: {} });
  const context: PipelineContext = {
    runId,
    store,
    resolveModel: (ref) => {
      const model = models[ref];
      if (!model) throw new Error(`unknown model ${ref}`);
      return model;
    },
    rng: createRng(7),
    progress: silentProgress,
    log: silentLogger,
  };
  return { context, store };
}

describe("evaluateBenchmark", () => {
  it("scores every model, keeps raw replies and builds intervals and the rank matrix", async () => {
    const models = {
      "mock:right": new MockLanguageModel({ respond: alwaysRight }),
      "mock:half": new MockLanguageModel({ respond: halfRight }),
    };
    const { context, store } = await makeContext(models);
    const results = await evaluateBenchmark(
      { items: ITEMS, models: ["mock:right", "mock:half"], benchmark: "bench.jsonl", concurrency: 3 },
      context,
    );
    expect(() => EvalResultsSchema.parse(results)).not.toThrow();

    // Independent tally: mock:half is right on q0,q2,q4,q6 (conclusion), wrong on odd items unless key is A
    // (q4 has key A, q1/q3/q5/q7 have keys B/D/B/D), right on o1 (normalised), wrong on o2 (no judge).
    let halfCorrect = 0;
    for (const item of MCQ) {
      const index = Number(item.id.slice(1));
      if (index % 2 === 0 || item.answer === "A") halfCorrect++;
    }
    halfCorrect += 1;
    const half = results.models.find((model) => model.model === "mock:half");
    const right = results.models.find((model) => model.model === "mock:right");
    expect(half?.correct).toBe(halfCorrect);
    expect(right?.correct).toBe(ITEMS.length);
    expect(half?.interval).toEqual(wilsonInterval(halfCorrect, ITEMS.length));
    expect(half?.outcomes.find((outcome) => outcome.itemId === "q0")?.raw).toBe("The answer is (A).");

    const a = 1;
    const b = halfCorrect / ITEMS.length;
    const z = ((a - b) * Math.sqrt(ITEMS.length)) / Math.sqrt(a * (1 - a) + b * (1 - b));
    expect(results.rankModels).toEqual(["mock:right", "mock:half"]);
    expect(results.rankConfidence[0]?.[1]).toBeCloseTo(normalCdf(z), 10);
    expect(results.rankConfidence[1]?.[0]).toBeCloseTo(1 - normalCdf(z), 10);

    // Every outcome is in the store; the heuristics are always in the table.
    expect(await store.listEvaluations("run-1")).toHaveLength(2 * ITEMS.length);
    const heuristics = results.models
      .filter((model) => model.kind === "heuristic")
      .map((model) => model.model);
    expect(heuristics).toEqual(["random-guess", "always-longest", "max-question-overlap", "position-prior"]);
    expect(results.models.find((model) => model.model === "random-guess")?.expectedAccuracy).toBeCloseTo(
      0.25,
      12,
    );
    // Difficulty i/8: q0,q1 -> 0.0-0.2; q2,q3 -> 0.2-0.4; q4 -> 0.4-0.6; q5,q6 -> 0.6-0.8; q7 (.875) -> 0.8-1.0.
    expect(right?.byDifficulty.map((entry) => entry.bucket)).toEqual([
      "0.0-0.2",
      "0.2-0.4",
      "0.4-0.6",
      "0.6-0.8",
      "0.8-1.0",
      "(none)",
    ]);
  });

  it("sends temperature 0 and a chain-of-thought prompt ending in 'Answer: X' with --cot", async () => {
    const model = new MockLanguageModel({ respond: alwaysRight });
    const { context } = await makeContext({ "mock:m": model });
    await evaluateBenchmark(
      { items: MCQ.slice(0, 2), models: ["mock:m"], benchmark: "b", chainOfThought: true },
      context,
    );
    expect(model.calls.every((call) => call.temperature === 0)).toBe(true);
    expect(model.lastUserMessage(0)).toContain('"Answer: X"');
    expect(model.lastUserMessage(0)).toContain("A. 1\nB. 2\nC. 3\nD. 4");
  });

  it("stores each outcome as it completes: after a crash, --resume calls only the missing items", async () => {
    const failing = new MockLanguageModel({
      respond: (options, callIndex) => {
        if (callIndex === 4) throw new Error("provider died");
        return alwaysRight(options, callIndex);
      },
    });
    const { context, store } = await makeContext({ "mock:m": failing });
    await expect(
      evaluateBenchmark({ items: MCQ, models: ["mock:m"], benchmark: "b", concurrency: 1 }, context),
    ).rejects.toThrow("provider died");
    expect(await store.listEvaluations("run-1")).toHaveLength(4);

    const healthy = new MockLanguageModel({ respond: alwaysRight });
    const resumed = await evaluateBenchmark(
      { items: MCQ, models: ["mock:m"], benchmark: "b", concurrency: 1 },
      { ...context, resolveModel: () => healthy },
    );
    expect(healthy.calls).toHaveLength(MCQ.length - 4);
    expect(resumed.models[0]?.correct).toBe(MCQ.length);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const model = new MockLanguageModel({
      respond: async (options, callIndex) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return alwaysRight(options, callIndex);
      },
    });
    const { context } = await makeContext({ "mock:m": model });
    await evaluateBenchmark({ items: MCQ, models: ["mock:m"], benchmark: "b", concurrency: 3 }, context);
    expect(peak).toBe(3);
  });

  it("asks the judge only for open answers that do not match, and counts unparseable replies", async () => {
    const model = new MockLanguageModel({
      respond: (options) => (itemOf(options).format === "open" ? "a thousand metres" : "I refuse to answer."),
    });
    const judge = new MockLanguageModel({ respond: '{"verdict": "correct", "reason": "same quantity"}' });
    const { context } = await makeContext({ "mock:m": model, "mock:judge": judge });
    const results = await evaluateBenchmark(
      { items: [MCQ[0] as Item, ...OPEN], models: ["mock:m"], benchmark: "b", judge: "mock:judge" },
      context,
    );
    const result = results.models[0];
    expect(judge.calls).toHaveLength(2);
    expect(result?.correct).toBe(2);
    expect(result?.unparseable).toBe(1);
    expect(result?.outcomes[0]).toMatchObject({ itemId: "q0", correct: false, extracted: null });
  });

  it("runs the heuristic baselines alone when no model is given, deterministically per seed", async () => {
    const first = await evaluateBenchmark(
      { items: MCQ, models: [], benchmark: "b" },
      (await makeContext({})).context,
    );
    const second = await evaluateBenchmark(
      { items: MCQ, models: [], benchmark: "b" },
      (await makeContext({})).context,
    );
    expect(first.models.map((model) => model.correct)).toEqual(second.models.map((model) => model.correct));
    expect(first.rankConfidence).toEqual([]);
  });
});
