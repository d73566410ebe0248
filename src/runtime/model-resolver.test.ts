import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoopbackLlmServer } from "../../test/helpers/loopback-llm-server.js";
import { BudgetExceededError, UserInputError } from "../core/errors.js";
import { createBudgetTracker } from "../llm/middleware/budget.js";
import { createMemoryCache } from "../llm/middleware/memory-cache.js";
import type { DownloadProgress } from "../llm/providers/local-model-files.js";
import { disposeLocalModels } from "../llm/providers/local-runtime.js";
import type { ResolvedConfig } from "./config-schema.js";
import { createModelResolver, createModelResolvers } from "./model-resolver.js";

// Not a model: the download is what is under test, loading it fails afterwards on purpose.
const payload = Buffer.alloc(300_000, 7);
let server: Server;
let url: string;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "benchsmith-resolver-"));
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-length": payload.length });
    response.end(payload);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await disposeLocalModels();
  await new Promise((closed) => server.close(closed));
  rmSync(workDir, { recursive: true, force: true });
});

describe("createModelResolver", () => {
  it("hands onDownloadProgress to the provider that downloads a local:<alias> file", async () => {
    const config: ResolvedConfig = {
      store: ":memory:",
      defaultModel: "local:tiny",
      local: { aliases: { tiny: `${url}/models/tiny.gguf` }, cacheDir: join(workDir, "cache") },
    };
    const updates: DownloadProgress[] = [];
    const resolveModel = createModelResolver({
      config,
      env: {},
      retry: false,
      onDownloadProgress: (update) => updates.push(update),
    });
    await resolveModel("local:tiny")
      .doGenerate({ messages: [{ role: "user", content: "hi" }], maxTokens: 1 })
      .catch(() => undefined);
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.slice(0, -1).every((update) => !update.done)).toBe(true);
    expect(updates.at(-1)).toMatchObject({
      url: `${url}/models/tiny.gguf`,
      receivedBytes: payload.length,
      totalBytes: payload.length,
      done: true,
    });
  }, 60_000);
});

describe("createModelResolvers: resolveEmbedder", () => {
  const hi = { messages: [{ role: "user" as const, content: "hi" }] };

  it("shares the provider's rate limiter, budget, prices and cache with resolveModel", async () => {
    const server = await startLoopbackLlmServer({
      latencyMs: 60,
      respond: () => ({ usage: { inputTokens: 1000, outputTokens: 0 } }),
    });
    try {
      const config: ResolvedConfig = {
        store: ":memory:",
        defaultModel: "openai:gpt-4o-mini",
        providers: { openai: { baseURL: `${server.url}/v1`, concurrency: 1 } },
        prices: { "openai:my-embed": { inputPerMillion: 10, outputPerMillion: 0 } },
      };
      const cache = createMemoryCache();
      const budget = createBudgetTracker({ maxCalls: 2 });
      const { resolveModel, resolveEmbedder } = createModelResolvers({
        config,
        env: { OPENAI_API_KEY: "k" },
        cache,
        runId: "run-1",
        budget,
        retry: false,
      });
      const embedder = resolveEmbedder("openai:my-embed");
      expect(resolveEmbedder(" openai:my-embed ")).toBe(embedder);
      const [, embedded] = await Promise.all([
        resolveModel("openai:gpt-4o-mini").doGenerate(hi),
        embedder.doEmbed({ values: ["a", "b"] }),
      ]);
      // concurrency 1 covers chat and embeddings of the one provider.
      expect(server.maxInFlight).toBe(1);
      // 1000 tokens at the config's $10 per million.
      expect(embedded.costUsd).toBeCloseTo(0.01, 12);
      expect(
        [...cache.records.values()].filter((record) => record.request.kind === "embedding"),
      ).toHaveLength(2);
      expect(budget.spent.calls).toBe(2);
      const spent = await embedder.doEmbed({ values: ["c"] }).catch((caught: unknown) => caught);
      expect(BudgetExceededError.isInstance(spent)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("says which providers embed when the ref's provider cannot", () => {
    const { resolveEmbedder } = createModelResolvers({
      config: { store: ":memory:", defaultModel: "anthropic:claude-sonnet-4-5" },
      env: { ANTHROPIC_API_KEY: "k" },
    });
    expect(() => resolveEmbedder("anthropic:claude-sonnet-4-5")).toThrow(UserInputError);
    expect(() => resolveEmbedder("anthropic:claude-sonnet-4-5")).toThrow(/no embeddings API/);
  });
});
