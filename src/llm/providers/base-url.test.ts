import { afterEach, describe, expect, it } from "vitest";
import {
  type LoopbackLlmServer,
  loopbackEmbedding,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import { anthropicURLFromEnv, OPENAI_BASE_URL_ENV, resolveBaseURL } from "./base-url.js";
import { createProviderEmbeddingModel, createProviderModel } from "./index.js";

const servers: LoopbackLlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function server(): Promise<LoopbackLlmServer> {
  const started = await startLoopbackLlmServer({ respond: () => ({ text: "from loopback" }) });
  servers.push(started);
  return started;
}

const hi = { messages: [{ role: "user" as const, content: "hi" }] };

/** A fetch that records the URL and fails, for checking where a provider would send a request. */
function recordingFetch(): { fetch: typeof globalThis.fetch; urls: string[] } {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    throw new Error("no network in tests");
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

describe("resolveBaseURL", () => {
  it("prefers the config, then the variables in order, then the default; ignores blank values", () => {
    const resolve = (baseURL: string | undefined, env: Record<string, string>) =>
      resolveBaseURL({
        settings: { env, ...(baseURL === undefined ? {} : { baseURL }) },
        envVars: OPENAI_BASE_URL_ENV,
        defaultBaseURL: "https://default/v1",
      });
    expect(resolve("https://config/v1", { OPENAI_BASE_URL: "https://env/v1" })).toBe("https://config/v1");
    expect(
      resolve(undefined, { OPENAI_BASE_URL: "https://env/v1/", OPENAI_API_BASE: "https://old/v1" }),
    ).toBe("https://env/v1");
    expect(resolve(undefined, { OPENAI_BASE_URL: "  ", OPENAI_API_BASE: "https://old/v1" })).toBe(
      "https://old/v1",
    );
    expect(resolve(undefined, {})).toBe("https://default/v1");
  });

  it("adds Anthropic's /v1 to the API root, as the official SDK's /v1/messages does", () => {
    expect(anthropicURLFromEnv("https://proxy.example/anthropic")).toBe("https://proxy.example/anthropic/v1");
    expect(anthropicURLFromEnv("https://proxy.example/v1")).toBe("https://proxy.example/v1");
  });
});

describe("OPENAI_BASE_URL / OPENAI_API_BASE", () => {
  it("sends openai generation to OPENAI_BASE_URL", async () => {
    const target = await server();
    const model = createProviderModel("openai:gpt-4o-mini", {
      env: { OPENAI_API_KEY: "k", OPENAI_BASE_URL: `${target.url}/v1` },
    });
    expect((await model.doGenerate(hi)).text).toBe("from loopback");
    expect(target.requests.map((request) => request.path)).toEqual(["/v1/chat/completions"]);
  });

  it("falls back to OPENAI_API_BASE, and the config's baseURL wins over both", async () => {
    const [legacy, configured] = [await server(), await server()];
    const viaLegacy = createProviderModel("openai:gpt-4o-mini", {
      env: { OPENAI_API_KEY: "k", OPENAI_API_BASE: `${legacy.url}/v1` },
    });
    await viaLegacy.doGenerate(hi);
    expect(legacy.requests).toHaveLength(1);
    const viaConfig = createProviderModel("openai:gpt-4o-mini", {
      baseURL: `${configured.url}/v1`,
      env: { OPENAI_API_KEY: "k", OPENAI_BASE_URL: `${legacy.url}/v1`, OPENAI_API_BASE: `${legacy.url}/v1` },
    });
    await viaConfig.doGenerate(hi);
    expect(configured.requests).toHaveLength(1);
    expect(legacy.requests).toHaveLength(1);
  });

  it("sends openai embeddings to OPENAI_BASE_URL", async () => {
    const target = await server();
    const model = createProviderEmbeddingModel("openai:text-embedding-3-small", {
      env: { OPENAI_API_KEY: "k", OPENAI_BASE_URL: `${target.url}/v1` },
    });
    const result = await model.doEmbed({ values: ["alpha", "beta"] });
    expect(result.embeddings).toEqual([loopbackEmbedding("alpha"), loopbackEmbedding("beta")]);
    expect(target.requests.map((request) => request.path)).toEqual(["/v1/embeddings"]);
  });

  it("reads the variables from the settings' env only: without them the default host is used", async () => {
    const { fetch, urls } = recordingFetch();
    const model = createProviderModel("openai:gpt-4o-mini", { env: { OPENAI_API_KEY: "k" }, fetch });
    await model.doGenerate(hi).catch(() => undefined);
    expect(urls[0]).toBe("https://api.openai.com/v1/chat/completions");
  });
});

describe("ANTHROPIC_BASE_URL", () => {
  it("sends anthropic generation to ANTHROPIC_BASE_URL/v1/messages", async () => {
    const target = await server();
    const model = createProviderModel("anthropic:claude-sonnet-4-5", {
      env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: `${target.url}/` },
    });
    expect((await model.doGenerate(hi)).text).toBe("from loopback");
    expect(target.requests.map((request) => request.path)).toEqual(["/v1/messages"]);
  });

  it("lets the config's baseURL win over ANTHROPIC_BASE_URL", async () => {
    const [fromEnv, configured] = [await server(), await server()];
    const model = createProviderModel("anthropic:claude-sonnet-4-5", {
      baseURL: `${configured.url}/v1`,
      env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: fromEnv.url },
    });
    await model.doGenerate(hi);
    expect(configured.requests).toHaveLength(1);
    expect(fromEnv.requests).toHaveLength(0);
  });

  it("uses the official host when the settings' env has no ANTHROPIC_BASE_URL", async () => {
    const { fetch, urls } = recordingFetch();
    const model = createProviderModel("anthropic:claude-sonnet-4-5", {
      env: { ANTHROPIC_API_KEY: "k" },
      fetch,
    });
    await model.doGenerate(hi).catch(() => undefined);
    expect(urls[0]).toBe("https://api.anthropic.com/v1/messages");
  });
});
