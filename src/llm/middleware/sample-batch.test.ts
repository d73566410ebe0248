import { describe, expect, it } from "vitest";
import { ConfigError, ProviderCallError } from "../../core/errors.js";
import type { GenerateOptions, GenerateResult, LanguageModel } from "../../core/language-model.js";
import { generateSamples, generateText } from "../generate.js";
import { sampleBatchMiddleware } from "./sample-batch.js";
import { whenAllAborted } from "./when-all-aborted.js";

interface Recorded {
  single: GenerateOptions[];
  batches: { options: GenerateOptions; sampleIndices: readonly (number | undefined)[] }[];
  /** "start:<label>" / "end:<label>" in the order they happened. */
  events: string[];
}

const reply = (text: string, inputTokens = 10): GenerateResult => ({
  text,
  toolCalls: [],
  finishReason: "stop",
  usage: { inputTokens, outputTokens: 1 },
  warnings: [],
});

/** A model that answers "s<index>" per sample; `samples` decides how many a batch answers (or throws). */
function fakeModel(options: {
  samples?: ((count: number) => number | Error) | false;
  single?: (request: GenerateOptions) => GenerateResult | Error;
  promptCache?: { minPrefixTokens: number };
  delayMs?: number;
}): LanguageModel & { recorded: Recorded } {
  const recorded: Recorded = { single: [], batches: [], events: [] };
  const wait = () => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
  const batchAnswer = options.samples;
  return {
    specificationVersion: "benchsmith-v1",
    provider: "fake",
    modelId: "m",
    recorded,
    ...(options.promptCache === undefined ? {} : { promptCache: options.promptCache }),
    async doGenerate(request) {
      recorded.single.push(request);
      recorded.events.push(`start:${request.sampleIndex}`);
      await wait();
      recorded.events.push(`end:${request.sampleIndex}`);
      const answer = options.single?.(request) ?? reply(`s${request.sampleIndex}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    ...(batchAnswer === false || batchAnswer === undefined
      ? {}
      : {
          async doGenerateSamples(request: GenerateOptions, sampleIndices: readonly (number | undefined)[]) {
            recorded.batches.push({ options: request, sampleIndices });
            await wait();
            const answered = batchAnswer(sampleIndices.length);
            if (answered instanceof Error) throw answered;
            return sampleIndices.slice(0, answered).map((index) => reply(`s${index}`, 2));
          },
        }),
  };
}

const prompt = "write one item";
const badRequest = () =>
  new ProviderCallError({ provider: "fake", message: "bad request", statusCode: 400, isRetryable: false });

describe("sampleBatchMiddleware", () => {
  it("sends the samples of one request arriving together as one call, each marked with its batch", async () => {
    const inner = fakeModel({ samples: (count) => count });
    const model = sampleBatchMiddleware()(inner);
    const results = await generateSamples({ model, n: 5, prompt, temperature: 1 });
    expect(inner.recorded.single).toHaveLength(0);
    expect(inner.recorded.batches).toHaveLength(1);
    expect(inner.recorded.batches[0]?.sampleIndices).toEqual([0, 1, 2, 3, 4]);
    // The shared request carries no sample index of its own.
    expect(inner.recorded.batches[0]?.options).toEqual({
      messages: [{ role: "user", content: prompt }],
      temperature: 1,
    });
    expect(results.map((result) => result.text)).toEqual(["s0", "s1", "s2", "s3", "s4"]);
    const ids = new Set(results.map((result) => result.batch?.id));
    expect(ids.size).toBe(1);
    expect(results.map((result) => [result.batch?.index, result.batch?.size])).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ]);
  });

  it("keeps different requests apart, passes requests without a sample index through and sends a lone sample alone", async () => {
    const inner = fakeModel({ samples: (count) => count });
    const model = sampleBatchMiddleware()(inner);
    const [first, second, plain, lone] = await Promise.all([
      generateSamples({ model, n: 2, prompt: "a" }),
      generateSamples({ model, n: 3, prompt: "b" }),
      generateText({ model, prompt: "a" }),
      generateText({ model, prompt: "c", sampleIndex: 7 }),
    ]);
    expect(inner.recorded.batches.map((batch) => batch.sampleIndices)).toEqual([
      [0, 1],
      [0, 1, 2],
    ]);
    expect(inner.recorded.single.map((request) => request.sampleIndex)).toEqual([undefined, 7]);
    expect(first?.map((result) => result.text)).toEqual(["s0", "s1"]);
    expect(second?.map((result) => result.text)).toEqual(["s0", "s1", "s2"]);
    expect(plain).not.toHaveProperty("batch");
    expect(lone).toMatchObject({ text: "s7" });
    expect(lone).not.toHaveProperty("batch");
  });

  it("splits a group over requests of at most maxSamplesPerRequest", async () => {
    const inner = fakeModel({ samples: (count) => count });
    const model = sampleBatchMiddleware({ maxSamplesPerRequest: 2 })(inner);
    await generateSamples({ model, n: 5, prompt });
    expect(inner.recorded.batches.map((batch) => batch.sampleIndices)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(inner.recorded.single.map((request) => request.sampleIndex)).toEqual([4]);
    expect(() => sampleBatchMiddleware({ maxSamplesPerRequest: 0 })).toThrow(ConfigError);
  });

  it("sends what a provider did not answer as single requests, and only single requests after that", async () => {
    // Like a server that ignores `n`: one choice whatever was asked.
    const inner = fakeModel({ samples: () => 1 });
    const model = sampleBatchMiddleware()(inner);
    const results = await generateSamples({ model, n: 3, prompt });
    expect(results.map((result) => result.text)).toEqual(["s0", "s1", "s2"]);
    expect(results.some((result) => result.batch !== undefined)).toBe(false);
    expect(inner.recorded.single.map((request) => request.sampleIndex)).toEqual([1, 2]);
    await generateSamples({ model, n: 2, prompt: "next" });
    expect(inner.recorded.batches).toHaveLength(1);
    expect(inner.recorded.single).toHaveLength(4);
  });

  it("falls back to single requests when the count is refused but one request succeeds", async () => {
    const inner = fakeModel({ samples: () => badRequest() });
    const model = sampleBatchMiddleware()(inner);
    const results = await generateSamples({ model, n: 3, prompt });
    expect(results.map((result) => result.text)).toEqual(["s0", "s1", "s2"]);
    expect(inner.recorded.single.map((request) => request.sampleIndex)).toEqual([0, 1, 2]);
    await generateSamples({ model, n: 2, prompt: "next" });
    expect(inner.recorded.batches).toHaveLength(1);
  });

  it("fails every sample with the single request's error when the request itself is refused", async () => {
    const refused = new ProviderCallError({
      provider: "fake",
      message: "prompt too long",
      statusCode: 400,
      isRetryable: false,
    });
    const inner = fakeModel({ samples: () => badRequest(), single: () => refused });
    const model = sampleBatchMiddleware()(inner);
    const outcomes = await Promise.allSettled(
      [0, 1, 2].map((sampleIndex) => generateText({ model, prompt, sampleIndex })),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason)).toEqual([
      refused,
      refused,
      refused,
    ]);
    // One probe, not one per sample; batching stays on for the next request.
    expect(inner.recorded.single).toHaveLength(1);
    await generateSamples({ model, n: 2, prompt: "next" }).catch(() => undefined);
    expect(inner.recorded.batches).toHaveLength(2);
  });

  it("passes other failures of a batch to every sample", async () => {
    const busy = new ProviderCallError({
      provider: "fake",
      message: "busy",
      statusCode: 429,
      isRetryable: true,
    });
    const inner = fakeModel({ samples: () => busy });
    const model = sampleBatchMiddleware()(inner);
    await expect(generateSamples({ model, n: 3, prompt })).rejects.toBe(busy);
    expect(inner.recorded.single).toHaveLength(0);
  });

  it("primes a write-first prompt cache: the first sample alone, then the rest together", async () => {
    const inner = fakeModel({ promptCache: { minPrefixTokens: 100 }, delayMs: 5 });
    const model = sampleBatchMiddleware()(inner);
    await generateSamples({ model, n: 3, prompt: "x".repeat(300) });
    expect(inner.recorded.events).toEqual(["start:0", "end:0", "start:1", "start:2", "end:1", "end:2"]);
  });

  it("does not wait for a first sample whose prompt is too short to be cached", async () => {
    const inner = fakeModel({ promptCache: { minPrefixTokens: 100 }, delayMs: 5 });
    const model = sampleBatchMiddleware()(inner);
    // 296 characters ~ 74 tokens, under the 75 that the minimum of 100 allows for the estimate's error.
    await generateSamples({ model, n: 3, prompt: "x".repeat(296) });
    expect(inner.recorded.events.slice(0, 3)).toEqual(["start:0", "start:1", "start:2"]);
  });

  it("returns a model that has nothing to gain unwrapped", () => {
    const inner = fakeModel({ samples: false });
    expect(sampleBatchMiddleware()(inner)).toBe(inner);
  });
});

describe("whenAllAborted", () => {
  it("aborts only once every caller has, and is absent when one caller cannot cancel", () => {
    const first = new AbortController();
    const second = new AbortController();
    const both = whenAllAborted([first.signal, second.signal, first.signal]);
    first.abort("first");
    expect(both.signal?.aborted).toBe(false);
    second.abort("second");
    expect(both.signal?.aborted).toBe(true);
    expect(both.signal?.reason).toBe("second");
    both.dispose();
    const same = new AbortController();
    expect(whenAllAborted([same.signal, same.signal]).signal).toBe(same.signal);
    expect(whenAllAborted([same.signal, undefined]).signal).toBeUndefined();
  });
});
