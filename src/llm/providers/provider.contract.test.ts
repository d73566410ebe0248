import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  type ScriptedReply,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import { ProviderCallError, UserInputError } from "../../core/errors.js";
import type { LanguageModel, ToolDefinition } from "../../core/language-model.js";
import { generateObject, generateText } from "../generate.js";
import { createMemoryCache } from "../middleware/memory-cache.js";
import { createRateLimiter } from "../middleware/rate-limit.js";
import { wrapForRun } from "../middleware/wrap-for-run.js";
import { createProviderModel } from "./index.js";
import type { ProviderSettings } from "./provider-entry.js";

const KEY = "test-key-7f3a9c";

type Body = Record<string, unknown> & { messages?: unknown[]; contents?: unknown[]; tools?: unknown[] };
const bodyOf = (request: LoopbackRequest | undefined): Body => (request?.body ?? {}) as Body;
const json = (value: unknown): string => JSON.stringify(value);

/** One row per provider: how to point it at the server and how its wire format shows what we sent. */
interface ProviderCase {
  name: string;
  ref: (server: LoopbackLlmServer) => string;
  settings: (server: LoopbackLlmServer) => Omit<ProviderSettings, "env">;
  env: Record<string, string>;
  format: LoopbackRequest["format"];
  authorized: (request: LoopbackRequest) => boolean;
  jsonRequested: (body: Body) => boolean;
  toolDeclared: (body: Body, name: string) => boolean;
  toolResultSent: (body: Body, name: string, content: string) => boolean;
  /** Google's wire format carries no tool call ids (the SDK makes them up). */
  toolCallIdsRoundTrip: boolean;
}

const openaiWire = {
  format: "openai-chat" as const,
  // non-strict: strict mode rejects schemas with optional fields (generate.ts validates instead)
  jsonRequested: (body: Body) => {
    const format = body.response_format as { type?: string; json_schema?: { strict?: boolean } } | undefined;
    return format?.type === "json_schema" && format.json_schema?.strict === false;
  },
  toolDeclared: (body: Body, name: string) => json(body.tools).includes(`"name":"${name}"`),
  toolResultSent: (body: Body, _name: string, content: string) =>
    (body.messages ?? []).some(
      (message) => json(message) === json({ role: "tool", tool_call_id: "call_1", content }),
    ) && json(body.messages).includes('"tool_calls"'),
  toolCallIdsRoundTrip: true,
};

// Every provider that speaks HTTP runs this suite against a loopback server. `local` is not here: it has
// no wire format (the embedded llama.cpp runtime), and runs its own contract on a generated tiny GGUF
// (local-tiny-gguf.test.ts, local.test.ts).
const CASES: ProviderCase[] = [
  {
    name: "openai",
    ref: () => "openai:gpt-test",
    settings: (server) => ({ baseURL: `${server.url}/v1` }),
    env: { OPENAI_API_KEY: KEY },
    authorized: (request) => request.headers.authorization === `Bearer ${KEY}`,
    ...openaiWire,
  },
  {
    name: "openai-compatible",
    ref: (server) => `openai-compatible:${server.url}/v1#served-model`,
    settings: () => ({}),
    env: { OPENAI_COMPATIBLE_API_KEY: KEY },
    authorized: (request) => request.headers.authorization === `Bearer ${KEY}`,
    ...openaiWire,
  },
  {
    name: "ollama",
    ref: () => "ollama:qwen-test",
    settings: (server) => ({ baseURL: `${server.url}/v1` }),
    env: {},
    // Ollama takes no key: nothing must be sent as one.
    authorized: (request) => request.headers.authorization === undefined,
    ...openaiWire,
  },
  {
    name: "anthropic",
    ref: () => "anthropic:claude-test",
    settings: (server) => ({ baseURL: `${server.url}/v1` }),
    env: { ANTHROPIC_API_KEY: KEY },
    format: "anthropic-messages",
    authorized: (request) => request.headers["x-api-key"] === KEY,
    // Anthropic gets the schema either as native output_config or as a forced "json" tool.
    jsonRequested: (body) =>
      json(body.output_config).includes("json_schema") || json(body.tools).includes('"json"'),
    toolDeclared: (body, name) => json(body.tools).includes(`"name":"${name}"`),
    toolResultSent: (body, _name, content) =>
      json(body.messages).includes(
        json({ type: "tool_result", tool_use_id: "call_1", content }).slice(1, -1),
      ),
    toolCallIdsRoundTrip: true,
  },
  {
    name: "google",
    ref: () => "google:gemini-test",
    settings: (server) => ({ baseURL: `${server.url}/v1beta` }),
    env: { GOOGLE_GENERATIVE_AI_API_KEY: KEY },
    format: "google-generate",
    authorized: (request) => request.headers["x-goog-api-key"] === KEY,
    jsonRequested: (body) => json(body.generationConfig).includes('"responseMimeType":"application/json"'),
    toolDeclared: (body, name) => json(body.tools).includes(`"name":"${name}"`),
    toolResultSent: (body, name, content) =>
      json(body.contents).includes('"functionResponse"') &&
      json(body.contents).includes(`"name":"${name}"`) &&
      json(body.contents).includes(content),
    toolCallIdsRoundTrip: false,
  },
];

const ADD_TOOL: ToolDefinition = {
  name: "add",
  description: "Adds two numbers",
  parameters: {
    type: "object",
    properties: { a: { type: "number" }, b: { type: "number" } },
    required: ["a", "b"],
  },
};

let server: LoopbackLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  providerCase: ProviderCase,
  options: {
    latencyMs?: number;
    timeoutMs?: number;
    script?: (request: LoopbackRequest) => ScriptedReply;
  } = {},
): Promise<{ server: LoopbackLlmServer; model: LanguageModel }> {
  server = await startLoopbackLlmServer({
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    ...(options.script === undefined ? {} : { respond: options.script }),
  });
  const model = createProviderModel(providerCase.ref(server), {
    ...providerCase.settings(server),
    env: providerCase.env,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return { server, model };
}

/** Retries with no backoff of our own (random 0), so measured waits come from Retry-After alone. */
const fastRetry = { baseDelayMs: 1, random: () => 0 };

describe.each(CASES)("provider contract: $name", (providerCase) => {
  it("returns text, usage and finish reason, sending the key in the provider's header", async () => {
    const { server, model } = await setup(providerCase, {
      script: () => ({ text: "hello there", usage: { inputTokens: 7, outputTokens: 3 } }),
    });
    const result = await generateText({ model, system: "be brief", prompt: "say hello", temperature: 0 });
    expect(result.text).toBe("hello there");
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 3 });
    expect(result.finishReason).toBe("stop");
    expect(result.toolCalls).toEqual([]);
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0] as LoopbackRequest;
    expect(request.format).toBe(providerCase.format);
    expect(providerCase.authorized(request)).toBe(true);
    expect(json(request.body)).toContain("say hello");
    expect(json(request.body)).toContain("be brief");
  });

  it("waits at least Retry-After after a 429, then succeeds", async () => {
    const { server, model } = await setup(providerCase, {
      script: (request) =>
        request.index === 0 ? { status: 429, headers: { "retry-after": "1" } } : { text: "ok" },
    });
    const wrapped = wrapForRun({ model, retry: fastRetry });
    const result = await generateText({ model: wrapped, prompt: "hi" });
    expect(result.text).toBe("ok");
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests as [LoopbackRequest, LoopbackRequest];
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(990);
  });

  it("reports a 429 as a retryable ProviderCallError with the server's retry-after-ms", async () => {
    const { model } = await setup(providerCase, {
      script: () => ({ status: 429, headers: { "retry-after-ms": "1500" } }),
    });
    const error = await model
      .doGenerate({ messages: [{ role: "user", content: "hi" }] })
      .catch((caught) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 1500 });
  });

  it("retries a 500 and succeeds", async () => {
    const { server, model } = await setup(providerCase, {
      script: (request) => (request.index === 0 ? { status: 500 } : { text: "recovered" }),
    });
    const result = await generateText({ model: wrapForRun({ model, retry: fastRetry }), prompt: "hi" });
    expect(result.text).toBe("recovered");
    expect(server.requests).toHaveLength(2);
  });

  it("turns a timeout into a retryable error, and the next call succeeds", async () => {
    const { server, model } = await setup(providerCase, {
      timeoutMs: 150,
      script: (request) => (request.index === 0 ? { delayMs: 3000, text: "too late" } : { text: "in time" }),
    });
    const started = performance.now();
    const error = await model
      .doGenerate({ messages: [{ role: "user", content: "hi" }] })
      .catch((caught) => caught);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true });
    expect(String(error.message)).toContain("timed out");
    const result = await model.doGenerate({ messages: [{ role: "user", content: "hi" }] });
    expect(result.text).toBe("in time");
    expect(server.requests).toHaveLength(2);
  });

  it("asks for JSON and lets generateObject repair malformed output", async () => {
    const { server, model } = await setup(providerCase, {
      script: (request) =>
        request.index === 0
          ? { text: 'Sure! {"answer": forty-two' }
          : { text: '{"answer": 42, "why": "sum"}' },
    });
    const schema = z.object({ answer: z.number(), why: z.string() });
    const result = await generateObject({ model: wrapForRun({ model }), schema, prompt: "what is 40+2?" });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.value.object).toEqual({ answer: 42, why: "sum" });
    expect(result.value.repaired).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(providerCase.jsonRequested(bodyOf(server.requests[0]))).toBe(true);
    expect(json(bodyOf(server.requests[1]))).toContain("could not be used");
    expect(json(bodyOf(server.requests[1]))).toContain("forty-two");
  });

  it("keeps the server's in-flight requests at or under the limiter's concurrency", async () => {
    const { server, model } = await setup(providerCase, { latencyMs: 60 });
    const limiter = createRateLimiter({ concurrency: 3 });
    const wrapped = wrapForRun({ model, limiter, cache: createMemoryCache() });
    const prompts = Array.from({ length: 9 }, (_, index) => `question ${index}`);
    const results = await Promise.all(prompts.map((prompt) => generateText({ model: wrapped, prompt })));
    expect(results.map((result) => result.text)).toEqual(prompts.map(() => "ok"));
    expect(server.requests).toHaveLength(9);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it("round-trips a tool call: declared, returned to us, result sent back", async () => {
    const { server, model } = await setup(providerCase, {
      script: (request) =>
        request.index === 0
          ? { toolCalls: [{ id: "call_1", name: "add", arguments: { a: 2, b: 3 } }] }
          : { text: "2 + 3 = 5" },
    });
    const messages = [{ role: "user" as const, content: "add 2 and 3" }];
    const first = await model.doGenerate({ messages, tools: [ADD_TOOL] });
    expect(providerCase.toolDeclared(bodyOf(server.requests[0]), "add")).toBe(true);
    expect(first.finishReason).toBe("tool-calls");
    expect(first.toolCalls).toHaveLength(1);
    const call = first.toolCalls[0]!;
    expect({ name: call.name, arguments: call.arguments }).toEqual({
      name: "add",
      arguments: { a: 2, b: 3 },
    });
    if (providerCase.toolCallIdsRoundTrip) expect(call.id).toBe("call_1");

    const second = await model.doGenerate({
      messages: [
        ...messages,
        { role: "assistant", content: "", toolCalls: first.toolCalls },
        { role: "tool", toolCallId: call.id, toolName: "add", content: "5" },
      ],
      tools: [ADD_TOOL],
    });
    expect(second.text).toBe("2 + 3 = 5");
    expect(providerCase.toolResultSent(bodyOf(server.requests[1]), "add", "5")).toBe(true);
  });

  // Skipped for providers that take no key (ollama): there is nothing to leak.
  it.skipIf(Object.keys(providerCase.env).length === 0)(
    "never puts the API key into the error, even when the server echoes it",
    async () => {
      const { model } = await setup(providerCase, {
        script: () => ({
          status: 401,
          rawBody: json({ error: { message: `Incorrect API key provided: ${KEY}` } }),
        }),
      });
      const error = await model
        .doGenerate({ messages: [{ role: "user", content: "hi" }] })
        .catch((caught) => caught);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
      expect(`${error.message} ${error.responseBody} ${error.hint}`).not.toContain(KEY);
      expect(`${error.message} ${error.responseBody}`).toContain("[redacted]");
    },
  );
});

describe("provider keys", () => {
  it.each([
    ["openai:gpt-4o-mini", "OPENAI_API_KEY"],
    ["anthropic:claude-sonnet-4-0", "ANTHROPIC_API_KEY"],
    ["google:gemini-2.5-flash", "GOOGLE_GENERATIVE_AI_API_KEY"],
  ])("%s without a key fails at create() naming %s", (ref, keyEnv) => {
    const error = (() => {
      try {
        createProviderModel(ref, { env: {} });
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as UserInputError).hint).toContain(`export ${keyEnv}=`);
  });

  it("needs no key for openai-compatible and ollama", () => {
    expect(() => createProviderModel("openai-compatible:http://127.0.0.1:1/v1#m", { env: {} })).not.toThrow();
    expect(() => createProviderModel("ollama:qwen2.5", { env: {} })).not.toThrow();
  });
});
