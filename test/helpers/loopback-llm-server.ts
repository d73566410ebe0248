import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseJson } from "../../src/core/json.js";

/**
 * A real HTTP server on 127.0.0.1 that speaks the providers' wire formats, for contract tests
 * and benches (no fetch mocking):
 * - OpenAI chat completions: POST .../chat/completions  (openai, openai-compatible, ollama)
 * - OpenAI embeddings:       POST .../embeddings        (openai, openai-compatible, ollama)
 * - Anthropic messages:      POST .../messages
 * - Google generateContent:  POST .../models/<model>:generateContent
 * - Google embeddings:       POST .../models/<model>:batchEmbedContents (and :embedContent)
 * Base URLs to hand to providers: `${url}/v1` (openai, anthropic, compatible), `${url}/v1beta` (google).
 * A chat-completions request with `n` > 1 gets n choices: `respond` is called once per choice.
 */
export type WireFormat =
  | "openai-chat"
  | "openai-embeddings"
  | "anthropic-messages"
  | "google-generate"
  | "google-embed"
  | "unknown";

export interface LoopbackRequest {
  /**
   * 0-based arrival order. A request for n choices takes n consecutive indices, one per choice, so
   * responders keyed by index answer each choice differently (`requests` records its first).
   */
  index: number;
  /** Which of the n choices of a chat-completions request `respond` is answering (0 when n is 1). */
  choice?: number;
  /** performance.now() when the request arrived (for asserting waits between attempts). */
  receivedAt: number;
  method: string;
  path: string;
  format: WireFormat;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (the raw text when it is not JSON). */
  body: unknown;
}

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** Encoded as the wire format wants (a JSON string for OpenAI, an object for Anthropic/Google). */
  arguments: Record<string, unknown>;
}

/** What to answer one request with. Everything is optional: the default is a 200 with text "ok". */
export interface ScriptedReply {
  /** Model answer, encoded in the request's wire format. */
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /**
   * Token counts; `cachedInputTokens` / `cacheWriteInputTokens` (part of inputTokens) are reported the
   * way the wire format does (OpenAI prompt_tokens_details, Anthropic cache_*_input_tokens). For n
   * choices the first choice's input counts are the request's (the prompt is billed once).
   */
  usage?: {
    inputTokens: number;
    outputTokens: number;
    cachedInputTokens?: number;
    cacheWriteInputTokens?: number;
  };
  finishReason?: "stop" | "length" | "tool-calls";
  /** HTTP status; >= 400 sends a provider-shaped error body unless `rawBody` is given. */
  status?: number;
  headers?: Record<string, string>;
  /** Sent verbatim instead of an encoded body (e.g. a truncated JSON document). */
  rawBody?: string;
  /** Extra delay for this request, on top of the server's fixed latency. */
  delayMs?: number;
  /** Embedding requests: the vectors to return (default: loopbackEmbedding of each input). */
  embeddings?: number[][];
}

export interface LoopbackLlmServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  requests: LoopbackRequest[];
  /** Highest number of requests the server was answering at the same time. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  /** Forgets recorded requests, restarts `index` at 0 and resets the in-flight high-water mark. */
  reset(): void;
  close(): Promise<void>;
}

export interface LoopbackLlmServerOptions {
  /** Fixed delay before every answer, in ms. */
  latencyMs?: number;
  respond?: (request: LoopbackRequest) => ScriptedReply | Promise<ScriptedReply>;
  /** Keep request bodies/headers in `requests` (turn off in long benches to save memory). */
  recordRequests?: boolean;
  /** Answer `n` choices (default true); false answers one whatever `n` says, as Ollama does. */
  answerN?: boolean;
}

export async function startLoopbackLlmServer(
  options: LoopbackLlmServerOptions = {},
): Promise<LoopbackLlmServer> {
  const latencyMs = options.latencyMs ?? 0;
  const respond = options.respond ?? ((): ScriptedReply => ({}));
  const record = options.recordRequests ?? true;
  const requests: LoopbackRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let arrivals = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on("close", () => {
      inFlight--;
    });
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `loopback server: ${String(error)}` } }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const text = await readBody(request);
    const path = request.url ?? "/";
    const loopbackRequest: LoopbackRequest = {
      index: arrivals,
      receivedAt,
      method: request.method ?? "GET",
      path,
      format: detectFormat(path),
      headers: request.headers,
      body: parseBody(text),
    };
    const choices = options.answerN === false ? 1 : choiceCount(loopbackRequest);
    arrivals += choices;
    if (record) requests.push(loopbackRequest);
    const replies = await Promise.all(
      Array.from({ length: choices }, (_, choice) =>
        respond({ ...loopbackRequest, index: loopbackRequest.index + choice, choice }),
      ),
    );
    // An error in any choice fails the whole request, as a real server would.
    const reply = replies.find((entry) => (entry.status ?? 200) >= 400) ?? (replies[0] as ScriptedReply);
    const delay = latencyMs + Math.max(...replies.map((entry) => entry.delayMs ?? 0));
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delay);
        timers.add(timer);
        // A client that gave up (timeout) frees its slot now, not after the delay.
        response.on("close", () => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve();
        });
      });
    }
    if (response.destroyed || response.writableEnded) return;
    const status = reply.status ?? 200;
    const body = reply.rawBody ?? encodeReply(loopbackRequest, status < 400 ? replies : [reply], status);
    response.writeHead(status, { "content-type": "application/json", ...reply.headers });
    response.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    reset() {
      requests.length = 0;
      arrivals = 0;
      maxInFlight = inFlight;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      });
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  const parsed = parseJson(text);
  return parsed.success ? parsed.value : text;
}

function detectFormat(path: string): WireFormat {
  const pathname = path.split("?")[0] ?? path;
  if (pathname.endsWith("/chat/completions")) return "openai-chat";
  if (pathname.endsWith("/embeddings")) return "openai-embeddings";
  if (pathname.endsWith(":batchEmbedContents") || pathname.endsWith(":embedContent")) return "google-embed";
  if (pathname.endsWith("/messages")) return "anthropic-messages";
  if (pathname.includes(":generateContent")) return "google-generate";
  return "unknown";
}

/** `n` of a chat-completions body (1 when absent, not a whole number, or another wire format). */
function choiceCount(request: LoopbackRequest): number {
  const n = request.format === "openai-chat" ? (request.body as { n?: unknown } | undefined)?.n : undefined;
  return typeof n === "number" && Number.isInteger(n) && n > 1 ? n : 1;
}

/** A reply's text, tool calls (with ids), usage and finish reason, defaults filled in. */
function replyParts(request: LoopbackRequest, reply: ScriptedReply, choice: number) {
  const text = reply.text ?? (reply.toolCalls?.length ? "" : "ok");
  const toolCalls = (reply.toolCalls ?? []).map((call, position) => ({
    ...call,
    id: call.id ?? `call_${request.index + choice}_${position}`,
  }));
  const usage = reply.usage ?? { inputTokens: 10, outputTokens: Math.max(1, Math.ceil(text.length / 4)) };
  const finish = reply.finishReason ?? (toolCalls.length > 0 ? "tool-calls" : "stop");
  return { text, toolCalls, usage, finish };
}

function encodeReply(request: LoopbackRequest, replies: readonly ScriptedReply[], status: number): string {
  if (status >= 400) return encodeError(request.format, status);
  const reply = replies[0] as ScriptedReply;
  if (request.format === "openai-embeddings" || request.format === "google-embed") {
    return encodeEmbeddings(request, reply);
  }
  const { text, toolCalls, usage, finish } = replyParts(request, reply, 0);
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const model = modelOf(request);
  switch (request.format) {
    case "anthropic-messages":
      return JSON.stringify({
        id: `msg_${request.index}`,
        type: "message",
        role: "assistant",
        model,
        content: [
          ...(text.length > 0 ? [{ type: "text", text }] : []),
          ...toolCalls.map((call) => ({
            type: "tool_use",
            id: call.id,
            name: call.name,
            input: call.arguments,
          })),
        ],
        stop_reason: { stop: "end_turn", length: "max_tokens", "tool-calls": "tool_use" }[finish],
        stop_sequence: null,
        // Anthropic's input_tokens leaves out the cache reads and writes it reports beside it.
        usage: {
          input_tokens: usage.inputTokens - cached - written,
          output_tokens: usage.outputTokens,
          ...(cached > 0 ? { cache_read_input_tokens: cached } : {}),
          ...(written > 0 ? { cache_creation_input_tokens: written } : {}),
        },
      });
    case "google-generate":
      return JSON.stringify({
        candidates: [
          {
            index: 0,
            content: {
              role: "model",
              parts: [
                ...(text.length > 0 ? [{ text }] : []),
                ...toolCalls.map((call) => ({ functionCall: { name: call.name, args: call.arguments } })),
              ],
            },
            finishReason: finish === "length" ? "MAX_TOKENS" : "STOP",
          },
        ],
        usageMetadata: {
          promptTokenCount: usage.inputTokens,
          candidatesTokenCount: usage.outputTokens,
          totalTokenCount: usage.inputTokens + usage.outputTokens,
          ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
        },
        modelVersion: model,
      });
    default:
      return encodeChatCompletion(request, replies, model);
  }
}

/** An OpenAI chat completion with one choice per reply; the prompt is counted once, the outputs summed. */
function encodeChatCompletion(
  request: LoopbackRequest,
  replies: readonly ScriptedReply[],
  model: string,
): string {
  const parts = replies.map((reply, choice) => replyParts(request, reply, choice));
  const first = (parts[0] as ReturnType<typeof replyParts>).usage;
  const completionTokens = parts.reduce((sum, part) => sum + part.usage.outputTokens, 0);
  return JSON.stringify({
    id: `chatcmpl-${request.index}`,
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: parts.map(({ text, toolCalls, finish }, index) => ({
      index,
      message: {
        role: "assistant",
        content: text.length > 0 ? text : null,
        ...(toolCalls.length > 0
          ? {
              tool_calls: toolCalls.map((call) => ({
                id: call.id,
                type: "function",
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            }
          : {}),
      },
      finish_reason: { stop: "stop", length: "length", "tool-calls": "tool_calls" }[finish],
    })),
    usage: {
      prompt_tokens: first.inputTokens,
      completion_tokens: completionTokens,
      total_tokens: first.inputTokens + completionTokens,
      ...(first.cachedInputTokens
        ? { prompt_tokens_details: { cached_tokens: first.cachedInputTokens } }
        : {}),
    },
  });
}

function encodeError(format: WireFormat, status: number): string {
  const message = `loopback scripted error ${status}`;
  if (format === "anthropic-messages") {
    return JSON.stringify({
      type: "error",
      error: { type: status === 429 ? "rate_limit_error" : "api_error", message },
    });
  }
  if (format === "google-generate" || format === "google-embed") {
    return JSON.stringify({
      error: { code: status, message, status: status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL" },
    });
  }
  return JSON.stringify({
    error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null },
  });
}

function modelOf(request: LoopbackRequest): string {
  const body = request.body;
  if (body !== null && typeof body === "object" && "model" in body && typeof body.model === "string")
    return body.model;
  const match = /models\/([^:/]+):generateContent/.exec(request.path);
  return match?.[1] ?? "loopback-model";
}

/**
 * The default vector the server returns for a text: 8 dimensions from a hash of the text, each a
 * multiple of 1/1024 (exact in float32), so tests can compute what to expect.
 */
export function loopbackEmbedding(text: string, dimension = 8): number[] {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return Array.from({ length: dimension }, () => {
    hash = (Math.imul(hash, 1664525) + 1013904223) >>> 0;
    return ((hash >>> 21) - 1024) / 1024;
  });
}

/** The texts an embeddings request carries, in order (OpenAI `input`, Google `requests[].content`). */
export function embeddingInputs(request: LoopbackRequest): string[] {
  const body = (request.body ?? {}) as {
    input?: string | string[];
    requests?: Array<{ content?: { parts?: Array<{ text?: string }> } }>;
    content?: { parts?: Array<{ text?: string }> };
  };
  const partsText = (content: { parts?: Array<{ text?: string }> } | undefined) =>
    (content?.parts ?? []).map((part) => part.text ?? "").join("");
  if (request.format === "google-embed") {
    return body.requests ? body.requests.map((entry) => partsText(entry.content)) : [partsText(body.content)];
  }
  return typeof body.input === "string" ? [body.input] : (body.input ?? []);
}

function encodeEmbeddings(request: LoopbackRequest, reply: ScriptedReply): string {
  const inputs = embeddingInputs(request);
  const vectors = reply.embeddings ?? inputs.map((text) => loopbackEmbedding(text));
  if (request.format === "google-embed") {
    return request.path.includes(":batchEmbedContents")
      ? JSON.stringify({ embeddings: vectors.map((values) => ({ values })) })
      : JSON.stringify({ embedding: { values: vectors[0] ?? [] } });
  }
  const tokens =
    reply.usage?.inputTokens ??
    inputs.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
  return JSON.stringify({
    object: "list",
    data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
    model: modelOf(request),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
