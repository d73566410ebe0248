import { afterEach, describe, expect, it } from "vitest";
import {
  embeddingInputs,
  type LoopbackLlmServer,
  type LoopbackRequest,
  loopbackEmbedding,
  type ScriptedReply,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import { ProviderCallError, UserInputError } from "../../core/errors.js";
import { createMemoryCache } from "../middleware/memory-cache.js";
import { wrapEmbeddingForRun } from "../middleware/wrap-for-run.js";
import { createProviderEmbeddingModel } from "./index.js";
import type { ProviderSettings } from "./provider-entry.js";

const KEY = "test-key-e5d1b0";
const PRICE = { inputPerMillion: 0.02, outputPerMillion: 0 };

/** One row per embedding provider: how to point it at the server and what its requests look like. */
interface EmbeddingCase {
  name: string;
  ref: (server: LoopbackLlmServer) => string;
  settings: (server: LoopbackLlmServer) => Omit<ProviderSettings, "env">;
  env: (server: LoopbackLlmServer) => Record<string, string>;
  /** Price-table key of the model (provider:modelId). */
  priceKey: (server: LoopbackLlmServer) => string;
  format: LoopbackRequest["format"];
  path: string;
  authorized: (request: LoopbackRequest) => boolean;
  /** Texts per request the provider allows (below our default of 128 only for Google). */
  batchSize: number;
  reportsUsage: boolean;
}

const bearer = (request: LoopbackRequest) => request.headers.authorization === `Bearer ${KEY}`;

const CASES: EmbeddingCase[] = [
  {
    name: "openai",
    ref: () => "openai:text-embedding-3-small",
    settings: (server) => ({ baseURL: `${server.url}/v1` }),
    env: () => ({ OPENAI_API_KEY: KEY }),
    priceKey: () => "openai:text-embedding-3-small",
    format: "openai-embeddings",
    path: "/v1/embeddings",
    authorized: bearer,
    batchSize: 128,
    reportsUsage: true,
  },
  {
    name: "openai-compatible",
    ref: (server) => `openai-compatible:${server.url}/v1#served-embed`,
    settings: () => ({}),
    env: () => ({ OPENAI_COMPATIBLE_API_KEY: KEY }),
    priceKey: (server) => `openai-compatible:${server.url}/v1#served-embed`,
    format: "openai-embeddings",
    path: "/v1/embeddings",
    authorized: bearer,
    batchSize: 128,
    reportsUsage: true,
  },
  {
    name: "ollama",
    ref: () => "ollama:nomic-embed-text",
    settings: () => ({}),
    env: (server) => ({ OLLAMA_HOST: server.url }),
    priceKey: () => "ollama:nomic-embed-text",
    format: "openai-embeddings",
    path: "/v1/embeddings",
    authorized: () => true,
    batchSize: 128,
    reportsUsage: true,
  },
  {
    name: "google",
    ref: () => "google:gemini-embedding-001",
    settings: (server) => ({ baseURL: `${server.url}/v1beta` }),
    env: () => ({ GOOGLE_GENERATIVE_AI_API_KEY: KEY }),
    priceKey: () => "google:gemini-embedding-001",
    format: "google-embed",
    path: "/v1beta/models/gemini-embedding-001:batchEmbedContents",
    authorized: (request) => request.headers["x-goog-api-key"] === KEY,
    batchSize: 100,
    reportsUsage: false,
  },
];

const texts = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => `question ${from + index}: which option is right?`);

let server: LoopbackLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(embeddingCase: EmbeddingCase, script?: (request: LoopbackRequest) => ScriptedReply) {
  server = await startLoopbackLlmServer(script === undefined ? {} : { respond: script });
  const cache = createMemoryCache();
  const model = wrapEmbeddingForRun({
    model: createProviderEmbeddingModel(embeddingCase.ref(server), {
      ...embeddingCase.settings(server),
      env: embeddingCase.env(server),
    }),
    cache,
    prices: { [embeddingCase.priceKey(server)]: PRICE },
    // No backoff of our own (random 0): measured waits come from Retry-After alone.
    retry: { baseDelayMs: 1, random: () => 0 },
  });
  return { server, cache, model };
}

describe.each(CASES)("embedding contract: $name", (embeddingCase) => {
  it("sends batches in the provider's wire format and returns every vector in order", async () => {
    const { server, model } = await setup(embeddingCase);
    const values = texts(0, 300);
    const result = await model.doEmbed({ values });
    expect(result.embeddings).toEqual(values.map((text) => loopbackEmbedding(text)));
    const sizes = server.requests.map((request) => embeddingInputs(request).length);
    const full = Math.floor(300 / embeddingCase.batchSize);
    expect(sizes).toEqual([
      ...Array.from({ length: full }, () => embeddingCase.batchSize),
      ...(300 % embeddingCase.batchSize === 0 ? [] : [300 % embeddingCase.batchSize]),
    ]);
    for (const request of server.requests) {
      expect(request.format).toBe(embeddingCase.format);
      expect(request.path).toBe(embeddingCase.path);
      expect(embeddingCase.authorized(request)).toBe(true);
    }
    // Batches go out a few at a time, and together they carry each text exactly once.
    expect(server.requests.flatMap(embeddingInputs).sort()).toEqual([...values].sort());
    const body = server.requests[0]?.body as Record<string, unknown>;
    if (embeddingCase.format === "openai-embeddings") {
      expect(body).toMatchObject({ encoding_format: "float" });
      expect(typeof body.model).toBe("string");
    } else {
      expect(json(body)).toContain('"model":"models/gemini-embedding-001"');
    }
  });

  it("caches per text: a repeat makes no request and an overlapping call sends only the new texts", async () => {
    const { server, cache, model } = await setup(embeddingCase);
    await model.doEmbed({ values: texts(0, 20) });
    expect(server.requests).toHaveLength(1);
    expect(cache.records.size).toBe(20);
    const again = await model.doEmbed({ values: texts(0, 20) });
    expect(server.requests).toHaveLength(1);
    expect(again.cachedValues).toBe(20);
    const overlap = await model.doEmbed({ values: texts(10, 30) });
    expect(server.requests).toHaveLength(2);
    expect(embeddingInputs(server.requests[1] as LoopbackRequest)).toEqual(texts(20, 30));
    expect(overlap.embeddings).toEqual(texts(10, 30).map((text) => loopbackEmbedding(text)));
  });

  it("records usage and cost from the provider's token count (unknown when it reports none)", async () => {
    const { cache, model } = await setup(embeddingCase, () => ({
      usage: { inputTokens: 5000, outputTokens: 0 },
    }));
    const result = await model.doEmbed({ values: texts(0, 4) });
    const records = [...cache.records.values()];
    if (embeddingCase.reportsUsage) {
      expect(result.usage.inputTokens).toBe(5000);
      // 5000 tokens at $0.02 per million.
      expect(result.costUsd).toBeCloseTo(0.0001, 12);
      expect(records.reduce((sum, record) => sum + (record.response.usage.inputTokens ?? 0), 0)).toBe(5000);
      expect(records.reduce((sum, record) => sum + (record.costUsd ?? 0), 0)).toBeCloseTo(0.0001, 12);
    } else {
      expect(result.usage.inputTokens).toBeUndefined();
      expect(result.costUsd).toBeUndefined();
      expect(records.every((record) => record.costUsd === undefined)).toBe(true);
    }
    expect(records.every((record) => record.latencyMs > 0)).toBe(true);
  });

  it("waits at least Retry-After after a 429, then succeeds", async () => {
    const { server, model } = await setup(embeddingCase, (request) =>
      request.index === 0 ? { status: 429, headers: { "retry-after-ms": "300" } } : {},
    );
    const result = await model.doEmbed({ values: texts(0, 3) });
    expect(result.embeddings).toHaveLength(3);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests as [LoopbackRequest, LoopbackRequest];
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(295);
  });

  it("does not retry a 401, and keeps the key out of the error", async () => {
    const { server, model } = await setup(embeddingCase, () => ({ status: 401 }));
    const error = await model.doEmbed({ values: ["x"] }).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    expect(
      json({ message: (error as Error).message, body: (error as ProviderCallError).responseBody }),
    ).not.toContain(KEY);
    expect(server.requests).toHaveLength(1);
  });
});

describe("providers without embeddings", () => {
  it("anthropic is a UserInputError naming the providers that embed", () => {
    const error = (() => {
      try {
        createProviderEmbeddingModel("anthropic:claude-sonnet-4-5", { env: { ANTHROPIC_API_KEY: KEY } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as UserInputError).message).toContain("anthropic provider has no embeddings API");
    expect((error as UserInputError).hint).toContain("openai, google, openai-compatible, ollama, local");
  });
});

function json(value: unknown): string {
  return JSON.stringify(value);
}
