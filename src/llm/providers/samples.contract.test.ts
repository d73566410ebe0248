import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type LoopbackLlmServer,
  type LoopbackLlmServerOptions,
  type LoopbackRequest,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { LlmCallRecord, ResponseCache } from "../../core/store-spec.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { generateObject, generateSamples, generateText } from "../generate.js";
import { wrapForRun } from "../middleware/wrap-for-run.js";
import type { PriceTable } from "../prices.js";
import { createProviderModel } from "./index.js";

// The samples of one request against real loopback servers speaking each wire format: one request
// with `n` where the provider has it, separate requests (reading the cached prefix) where it has not.

const KEY = "test-key-samples";
type Body = { n?: number; system?: unknown; messages?: unknown[] };
/** The content blocks of the first message of an Anthropic request. */
const firstContent = (request: LoopbackRequest | undefined) =>
  ((bodyOf(request).messages ?? [])[0] as { content: Block[] } | undefined)?.content ?? [];
type Block = { type: string; text?: string; cache_control?: unknown };
const bodyOf = (request: LoopbackRequest | undefined): Body => (request?.body ?? {}) as Body;

let server: LoopbackLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: LoopbackLlmServerOptions = {}): Promise<LoopbackLlmServer> {
  server = await startLoopbackLlmServer({
    respond: (request) => ({
      text: JSON.stringify({ question: `q${request.index}`, answer: "A" }),
      usage: { inputTokens: 1000, outputTokens: 20 },
    }),
    ...options,
  });
  return server;
}

const WITH_N = [
  {
    name: "openai",
    ref: () => "openai:gpt-test",
    settings: (url: string) => ({ baseURL: `${url}/v1`, env: { OPENAI_API_KEY: KEY } }),
    priceKey: () => "openai:gpt-test",
  },
  {
    name: "openai-compatible",
    ref: (url: string) => `openai-compatible:${url}/v1#served`,
    settings: () => ({ env: {} }),
    priceKey: (url: string) => `openai-compatible:${url}/v1#served`,
  },
];

const ItemSchema = z.object({ question: z.string(), answer: z.string() });

/** make's way: one structured call per sample, all started together (generate-candidates.ts). */
function candidates(model: LanguageModel, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, sampleIndex) =>
      generateObject({ model, schema: ItemSchema, prompt: "write one item", temperature: 1, sampleIndex }),
    ),
  );
}

const questions = (results: Awaited<ReturnType<typeof candidates>>) =>
  results.map((result) => (result.success ? result.value.object.question : "failed"));

describe.each(WITH_N)("several samples per request: $name", (providerCase) => {
  const runModel = (cache: ResponseCache, runId: string) => {
    const url = server?.url ?? "";
    const prices: PriceTable = { [providerCase.priceKey(url)]: { inputPerMillion: 1, outputPerMillion: 1 } };
    return wrapForRun({
      model: createProviderModel(providerCase.ref(url), providerCase.settings(url)),
      cache,
      runId,
      retry: false,
      prices,
    });
  };

  it("sends L = 5 samples as one request with n = 5 and stores each under its own sample index", async () => {
    const loopback = await serve();
    const store = openSqliteStore(":memory:");
    await store.createRun({ id: "first", kind: "make", spec: {} });
    const results = await candidates(runModel(store, "first"), 5);
    expect(loopback.requests).toHaveLength(1);
    const request = loopback.requests[0] as LoopbackRequest;
    expect(bodyOf(request).n).toBe(5);
    expect(request.headers["x-benchsmith-sample-count"]).toBeUndefined();
    // Each choice is its own sample (the server answers choice i with index i).
    expect(questions(results)).toEqual(["q0", "q1", "q2", "q3", "q4"]);
    // The prompt was billed once: 1000 input tokens shared out, 5 x 20 output tokens.
    const responses = results.map((result) => (result.success ? result.value.responses[0] : undefined));
    expect(responses.map((response) => response?.usage)).toEqual(
      Array.from({ length: 5 }, () => ({ inputTokens: 200, outputTokens: 20 })),
    );
    expect(await store.callStats("first")).toMatchObject({ calls: 1, inputTokens: 1000, outputTokens: 100 });
    expect((await store.callStats("first")).costUsd).toBeCloseTo(1100 / 1e6, 12);

    loopback.reset();
    const again = await candidates(runModel(store, "again"), 5);
    expect(loopback.requests).toHaveLength(0);
    expect(questions(again)).toEqual(["q0", "q1", "q2", "q3", "q4"]);
    await store.close();
  });

  it("resumes a batch cut short by a crash without repeating a stored sample", async () => {
    const loopback = await serve();
    const store = openSqliteStore(":memory:");
    // The process dies after two of the five samples are committed.
    let commits = 0;
    const dying: ResponseCache = {
      get: (cacheKey) => store.get(cacheKey),
      async set(record: LlmCallRecord) {
        if (++commits > 2) throw new Error("killed");
        await store.set(record);
      },
    };
    const crashed = runModel(dying, "crashed");
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3, 4].map((sampleIndex) =>
        generateText({ model: crashed, prompt: "write one item", sampleIndex }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
    ]);
    const survived = await generateSamples({
      model: runModel(store, "resumed"),
      n: 5,
      prompt: "write one item",
    });
    expect(loopback.requests.map((request) => bodyOf(request).n)).toEqual([5, 3]);
    expect(survived.filter((result) => result.cached === true)).toHaveLength(2);
    // The resumed request's choices are server indices 5..7, the stored ones two of 0..4.
    const indices = survived.map((result) => Number(/q(\d+)/.exec(result.text)?.[1]));
    expect(indices.filter((index) => index < 5)).toHaveLength(2);
    expect(indices.filter((index) => index >= 5).sort()).toEqual([5, 6, 7]);
    await store.close();
  });

  it("goes on with single requests when the server answers one choice whatever n says", async () => {
    const loopback = await serve({ answerN: false });
    const store = openSqliteStore(":memory:");
    // One model for the run, as the runtime's resolver hands out: it remembers the server ignores n.
    const model = runModel(store, "run");
    const results = await candidates(model, 4);
    expect(questions(results)).toEqual(["q0", "q1", "q2", "q3"]);
    expect(loopback.requests.map((request) => bodyOf(request).n)).toEqual([
      4,
      undefined,
      undefined,
      undefined,
    ]);
    loopback.reset();
    await generateSamples({ model, n: 2, prompt: "another" });
    expect(loopback.requests.map((request) => bodyOf(request).n)).toEqual([undefined, undefined]);
    await store.close();
  });

  it("goes on with single requests when the server refuses n (llama.cpp server answers 500)", async () => {
    const loopback = await serve({
      respond: (request) =>
        bodyOf(request).n === undefined ? { text: `answer ${request.index}` } : { status: 500 },
    });
    const store = openSqliteStore(":memory:");
    const results = await generateSamples({ model: runModel(store, "run"), n: 3, prompt: "p" });
    expect(results.map((result) => result.text)).toEqual(["answer 3", "answer 4", "answer 5"]);
    expect(loopback.requests.map((request) => bodyOf(request).n)).toEqual([
      3,
      undefined,
      undefined,
      undefined,
    ]);
    await store.close();
  });
});

describe("several samples per request: providers without n", () => {
  it("ollama gets one request per sample", async () => {
    const loopback = await serve();
    const model = wrapForRun({
      model: createProviderModel("ollama:qwen-test", { baseURL: `${loopback.url}/v1`, env: {} }),
      retry: false,
    });
    await generateSamples({ model, n: 3, prompt: "p" });
    expect(loopback.requests.map((request) => bodyOf(request).n)).toEqual([undefined, undefined, undefined]);
  });
});

describe("anthropic: separate requests that read the cached prefix", () => {
  const anthropic = (loopback: LoopbackLlmServer) =>
    wrapForRun({
      model: createProviderModel("anthropic:claude-sonnet-4-5", {
        baseURL: `${loopback.url}/v1`,
        env: { ANTHROPIC_API_KEY: KEY },
      }),
      retry: false,
    });
  const breakpoint = { type: "ephemeral" };

  it("marks the system prompt and the first user message, and sends the first sample before the rest", async () => {
    const loopback = await serve({ latencyMs: 40, respond: () => ({ text: "ok" }) });
    // Past Anthropic's 1024-token minimum (~4 characters a token), so waiting for the write pays off.
    const prompt = "write one item ".repeat(300);
    await generateSamples({ model: anthropic(loopback), n: 3, system: "you write items", prompt });
    expect(loopback.requests).toHaveLength(3);
    for (const request of loopback.requests) {
      const body = bodyOf(request);
      expect(body.n).toBeUndefined();
      expect((body.system as Block[])[0]?.cache_control).toEqual(breakpoint);
      expect(firstContent(request).at(-1)?.cache_control).toEqual(breakpoint);
    }
    const [first, second, third] = loopback.requests as [LoopbackRequest, LoopbackRequest, LoopbackRequest];
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(35);
    expect(Math.abs(third.receivedAt - second.receivedAt)).toBeLessThan(30);
  });

  it("sends samples of a prompt too short to be cached all at once", async () => {
    const loopback = await serve({ latencyMs: 40, respond: () => ({ text: "ok" }) });
    await generateSamples({ model: anthropic(loopback), n: 3, prompt: "short" });
    const [first, , third] = loopback.requests as [LoopbackRequest, LoopbackRequest, LoopbackRequest];
    expect(third.receivedAt - first.receivedAt).toBeLessThan(30);
  });

  it("puts the breakpoint after the shared first user message, not on what follows it", async () => {
    const loopback = await serve({ respond: () => ({ text: "ok" }) });
    await anthropic(loopback).doGenerate({
      messages: [
        { role: "user", content: "shared task description" },
        { role: "user", content: "this item's references" },
      ],
    });
    expect(firstContent(loopback.requests[0]).map((block) => [block.text, block.cache_control])).toEqual([
      ["shared task description", breakpoint],
      ["this item's references", undefined],
    ]);
  });

  it("also marks the end of a sample's prompt, which its siblings repeat", async () => {
    const loopback = await serve({ respond: () => ({ text: "ok" }) });
    await anthropic(loopback).doGenerate({
      messages: [
        { role: "user", content: "shared task description" },
        { role: "user", content: "this item's references" },
      ],
      sampleIndex: 0,
    });
    expect(firstContent(loopback.requests[0]).map((block) => block.cache_control)).toEqual([
      breakpoint,
      breakpoint,
    ]);
  });

  it("reports cache reads and writes and prices them at the cached and write rates", async () => {
    const loopback = await serve({
      respond: () => ({
        text: "ok",
        usage: { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 1500, cacheWriteInputTokens: 200 },
      }),
    });
    const result = await anthropic(loopback).doGenerate({
      messages: [
        { role: "system", content: "s" },
        { role: "user", content: "p" },
      ],
      sampleIndex: 0,
    });
    // Three breakpoints at most (system, first and last message), within Anthropic's four: no SDK warning.
    expect(result.warnings).toEqual([]);
    expect(result.usage).toEqual({
      inputTokens: 2000,
      outputTokens: 100,
      cachedInputTokens: 1500,
      cacheWriteInputTokens: 200,
    });
    // claude-sonnet-4-5: $3 input, $0.30 cache read, $3.75 cache write, $15 output per 1M.
    expect(result.costUsd).toBeCloseTo((300 * 3 + 1500 * 0.3 + 200 * 3.75 + 100 * 15) / 1e6, 12);
  });
});

describe("openai cached input tokens", () => {
  it("are read from prompt_tokens_details and priced at the cached rate, shared out over samples", async () => {
    const loopback = await serve({
      respond: () => ({
        text: "ok",
        usage: { inputTokens: 3000, outputTokens: 10, cachedInputTokens: 2048 },
      }),
    });
    const model = wrapForRun({
      model: createProviderModel("openai:gpt-4o-mini", {
        baseURL: `${loopback.url}/v1`,
        env: { OPENAI_API_KEY: KEY },
      }),
      retry: false,
    });
    const [alone] = await generateSamples({ model, n: 1, prompt: "p" });
    expect(alone?.usage).toEqual({ inputTokens: 3000, outputTokens: 10, cachedInputTokens: 2048 });
    // gpt-4o-mini: $0.15 input, $0.075 cached, $0.60 output per 1M.
    expect(alone?.costUsd).toBeCloseTo((952 * 0.15 + 2048 * 0.075 + 10 * 0.6) / 1e6, 15);
    const pair = await generateSamples({ model, n: 2, prompt: "q" });
    expect(pair.map((result) => result.usage.cachedInputTokens)).toEqual([1024, 1024]);
    const total = pair.reduce((sum, result) => sum + (result.costUsd ?? Number.NaN), 0);
    expect(total).toBeCloseTo((952 * 0.15 + 2048 * 0.075 + 20 * 0.6) / 1e6, 15);
  });
});
