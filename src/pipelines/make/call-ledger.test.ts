import { describe, expect, it } from "vitest";
import { wrapModel } from "../../core/language-model.js";
import { generateText } from "../../llm/generate.js";
import { MockLanguageModel } from "../../testing/index.js";
import { CallLedger, ledgerMiddleware } from "./call-ledger.js";

describe("ledgerMiddleware", () => {
  it("keeps the model's identity and records each response under its step, in the attempt and the run", async () => {
    const inner = new MockLanguageModel({ modelId: "m1", respond: "ok" });
    const run = new CallLedger();
    const attempt = run.child();
    const testTaker = wrapModel(inner, [ledgerMiddleware(attempt, "test-taker")]);
    const generator = ledgerMiddleware(run, "expand-demand")(inner);
    expect([testTaker.provider, testTaker.modelId, testTaker.specificationVersion]).toEqual([
      inner.provider,
      "m1",
      "benchsmith-v1",
    ]);

    await generateText({ model: testTaker, prompt: "a" });
    await generateText({ model: testTaker, prompt: "b" });
    await generateText({ model: generator, prompt: "c" });
    expect(inner.calls).toHaveLength(3);
    expect(attempt.total().responses).toBe(2);
    expect(Object.keys(attempt.byStep())).toEqual(["test-taker"]);
    expect(run.total().responses).toBe(3);
    expect(
      Object.fromEntries(Object.entries(run.byStep()).map(([step, tally]) => [step, tally.responses])),
    ).toEqual({
      "test-taker": 2,
      "expand-demand": 1,
    });
  });
});

describe("CallLedger", () => {
  const result = (extra: object) => ({
    text: "",
    toolCalls: [],
    finishReason: "stop" as const,
    usage: { inputTokens: 10, outputTokens: 3 },
    warnings: [],
    ...extra,
  });

  it("sums tokens and known costs, counts cache hits, and reports a cost as unknown once any is", () => {
    const ledger = new CallLedger();
    ledger.record("s", result({ costUsd: 0.25 }));
    ledger.record("s", result({ costUsd: 0.5, cached: true }));
    expect(ledger.total()).toEqual({
      responses: 2,
      cached: 1,
      requests: 1,
      inputTokens: 20,
      outputTokens: 6,
      costUsd: 0.75,
    });
    ledger.record("t", result({ costUsd: undefined }));
    expect(ledger.total().costUsd).toBeUndefined();
    expect(ledger.byStep().s?.costUsd).toBe(0.75);
    // copies: changing a report does not change the ledger
    const report = ledger.total();
    report.responses = 99;
    expect(ledger.total().responses).toBe(3);
  });

  it("counts the samples of one batched request as one request", () => {
    const ledger = new CallLedger();
    for (const index of [0, 1, 2]) ledger.record("s", result({ batch: { id: "b1", index, size: 3 } }));
    ledger.record("s", result({ batch: { id: "b2", index: 0, size: 1 } }));
    ledger.record("s", result({ cached: true }));
    expect(ledger.total()).toMatchObject({ responses: 5, cached: 1, requests: 2 });
    expect(ledger.byStep().s?.requests).toBe(2);
  });
});
