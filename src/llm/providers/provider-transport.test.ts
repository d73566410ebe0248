import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { ProviderCallError } from "../../core/errors.js";
import { createProviderModel } from "./index.js";
import { providerFetch } from "./provider-transport.js";

/** A bare loopback server that counts TCP connections and answers with `handle`. */
async function startServer(
  handle: (request: IncomingMessage, body: string, response: ServerResponse) => void,
) {
  let connections = 0;
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => handle(request, body, response));
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function server(handle: Parameters<typeof startServer>[0]) {
  const started = await startServer(handle);
  closers.push(started.close);
  return started;
}

describe("providerFetch", () => {
  it("sends method, headers and body, and returns status, headers and the whole body", async () => {
    const seen: { method?: string; auth?: string; body?: string } = {};
    const target = await server((request, body, response) => {
      Object.assign(seen, { method: request.method, auth: request.headers.authorization, body });
      response.writeHead(201, { "content-type": "application/json", "x-request-id": "r-1" });
      response.end('{"ok":true}');
    });
    const response = await providerFetch(`${target.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: '{"model":"m"}',
    });
    expect(seen).toEqual({ method: "POST", auth: "Bearer k", body: '{"model":"m"}' });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("returns an error status with its body, and a 204 with none", async () => {
    const target = await server((request, _body, response) => {
      if (request.url === "/empty") {
        response.writeHead(204);
        response.end();
        return;
      }
      response.writeHead(503, { "retry-after": "2" });
      response.end('{"error":{"message":"overloaded"}}');
    });
    const failed = await providerFetch(`${target.url}/x`, { method: "POST", body: "{}" });
    expect([failed.status, failed.ok, failed.headers.get("retry-after")]).toEqual([503, false, "2"]);
    expect(await failed.text()).toBe('{"error":{"message":"overloaded"}}');
    const empty = await providerFetch(new URL(`${target.url}/empty`));
    expect([empty.status, await empty.text()]).toEqual([204, ""]);
  });

  it("asks for compression and undoes it, as fetch does", async () => {
    let accepted: string | undefined;
    const target = await server((request, _body, response) => {
      accepted = request.headers["accept-encoding"];
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(gzipSync('{"choices":[]}'));
    });
    const response = await providerFetch(`${target.url}/x`, { method: "POST", body: "{}", headers: {} });
    expect(accepted).toBe("gzip, deflate, br");
    expect([response.headers.get("content-encoding"), await response.text()]).toEqual([
      null,
      '{"choices":[]}',
    ]);
  });

  it("reuses kept-alive connections for sequential requests", async () => {
    const target = await server((_request, _body, response) => response.end("{}"));
    for (let index = 0; index < 10; index++) {
      const response = await providerFetch(`${target.url}/x`, { method: "POST", body: "{}" });
      await response.text();
    }
    // undici's pool may open a second socket while the first is still being released (fetch does too).
    expect(target.connections()).toBeLessThanOrEqual(2);
  });

  it("rejects with the caller's abort reason, in flight and before sending", async () => {
    const target = await server(() => {
      // never answers
    });
    const controller = new AbortController();
    const pending = providerFetch(`${target.url}/x`, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stopped by the test")), 50);
    await expect(pending).rejects.toThrow("stopped by the test");
    await expect(
      providerFetch(`${target.url}/x`, { signal: AbortSignal.abort(new Error("already stopped")) }),
    ).rejects.toThrow("already stopped");
  });

  it("refuses a redirect with the target and what to change", async () => {
    let requests = 0;
    const target = await server((_request, _body, response) => {
      requests++;
      response.writeHead(301, { location: "https://api.example.test/v1/chat/completions" });
      response.end("moved");
    });
    await expect(
      providerFetch(`${target.url}/v1/chat/completions`, { method: "POST", body: "{}" }),
    ).rejects.toThrow(
      `${target.url}/v1/chat/completions answered with a redirect (HTTP 301) to https://api.example.test/v1/chat/completions; ` +
        "API calls do not follow redirects: set the provider's baseURL to the final address",
    );
    expect(requests).toBe(1);
  });

  it("hands calls to a replaced global fetch", async () => {
    const original = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = async (input, init) => {
      calls.push(String(input));
      return original(input, init);
    };
    try {
      const target = await server((_request, _body, response) => response.end("{}"));
      await (await providerFetch(`${target.url}/x`)).text();
      expect(calls).toEqual([`${target.url}/x`]);
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe("the OpenAI-family providers on providerFetch", () => {
  const ask = { messages: [{ role: "user" as const, content: "hi" }] };

  it("fail once, not retryably, with the redirect named, when the base URL redirects", async () => {
    const llm = await startLoopbackLlmServer({
      respond: () => ({
        status: 308,
        headers: { location: "https://elsewhere.test/v1/chat/completions" },
        rawBody: "",
      }),
    });
    closers.push(() => llm.close());
    const model = createProviderModel(`openai-compatible:${llm.url}/v1#m`, { env: {} });
    const error = await model.doGenerate(ask).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(false);
    expect(String(error)).toContain(
      `openai-compatible call failed: ${llm.url}/v1/chat/completions answered with a redirect (HTTP 308) to https://elsewhere.test/v1/chat/completions`,
    );
    expect(llm.requests).toHaveLength(1);
  });

  it("time out through the transport and keep the status and body of a failed call", async () => {
    const llm = await startLoopbackLlmServer({
      respond: (request) =>
        request.index === 0
          ? { delayMs: 2_000 }
          : { status: 400, rawBody: '{"error":{"message":"bad model"}}' },
    });
    closers.push(() => llm.close());
    const model = createProviderModel(`openai:gpt-4o-mini`, {
      env: { OPENAI_API_KEY: "test-key-1234" },
      baseURL: `${llm.url}/v1`,
      timeoutMs: 100,
    });
    await expect(model.doGenerate(ask)).rejects.toThrow("openai call timed out after 100 ms");
    const failed = await model.doGenerate(ask).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(failed) && [failed.statusCode, failed.responseBody]).toEqual([
      400,
      '{"error":{"message":"bad model"}}',
    ]);
  });

  it("name the status when an error body is empty", async () => {
    const llm = await startLoopbackLlmServer({ respond: () => ({ status: 502, rawBody: "" }) });
    closers.push(() => llm.close());
    const model = createProviderModel(`openai-compatible:${llm.url}/v1#m`, { env: {} });
    await expect(model.doGenerate(ask)).rejects.toThrow(
      "openai-compatible call failed (HTTP 502): Bad Gateway",
    );
  });

  it("use a fetch from settings instead", async () => {
    const llm = await startLoopbackLlmServer({ respond: () => ({ text: "from the server" }) });
    closers.push(() => llm.close());
    const calls: string[] = [];
    const model = createProviderModel(`ollama:qwen`, {
      env: {},
      baseURL: `${llm.url}/v1`,
      fetch: async (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    const result = await model.doGenerate(ask);
    expect(result.text).toBe("from the server");
    expect(calls).toEqual([`${llm.url}/v1/chat/completions`]);
  });
});
