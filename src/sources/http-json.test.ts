import { describe, expect, it } from "vitest";
import { createJsonClient, parseRetryAfter } from "./http-json.js";
import { createMemorySourceCache } from "./memory-source-cache.js";

/** A fetch answering from a list, recording each URL; Response objects are the real WHATWG ones. */
function scriptedFetch(responses: Array<() => Response>) {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(String(input));
    const next = responses.shift();
    if (next === undefined) throw new Error("no scripted response left");
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("createJsonClient", () => {
  const client = (responses: Array<() => Response>, maxRetryAfterMs?: number) => {
    const scripted = scriptedFetch(responses);
    const cache = createMemorySourceCache();
    const getJson = createJsonClient({
      source: "test",
      fetch: scripted.fetch,
      cache,
      headers: { "User-Agent": "ua" },
      ...(maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs }),
    });
    return { getJson, cache, urls: scripted.urls };
  };

  it("fails at once when Retry-After asks for longer than the cap", async () => {
    const { getJson, urls } = client(
      [() => new Response("{}", { status: 429, headers: { "retry-after": "120" } })],
      5000,
    );
    await expect(getJson("http://127.0.0.1/x")).rejects.toMatchObject({
      statusCode: 429,
      retryAfterMs: 120_000,
    });
    expect(urls).toHaveLength(1);
  });

  it("caches expected non-2xx statuses but rejects a body that is not JSON", async () => {
    const { getJson, cache, urls } = client([
      () => new Response('{"title":"Not found."}', { status: 404 }),
      () => new Response("<html>oops</html>", { status: 200 }),
    ]);
    expect(await getJson("http://127.0.0.1/missing", { expectedStatuses: [404] })).toEqual({
      status: 404,
      body: { title: "Not found." },
    });
    expect(await getJson("http://127.0.0.1/missing", { expectedStatuses: [404] })).toMatchObject({
      status: 404,
    });
    expect(urls).toHaveLength(1);
    await expect(getJson("http://127.0.0.1/html")).rejects.toThrow(/the response is not JSON \(HTTP 200/);
    expect([...cache.entries.keys()]).toEqual(["http://127.0.0.1/missing"]);
  });

  it("turns a network failure into a SourceRequestError without a status", async () => {
    const { getJson } = client([
      () => {
        throw new TypeError("fetch failed");
      },
    ]);
    await expect(getJson("http://127.0.0.1/down")).rejects.toMatchObject({
      name: "SourceRequestError",
      statusCode: undefined,
      message: "test: request failed: fetch failed (http://127.0.0.1/down)",
    });
  });
});
