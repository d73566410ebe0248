import { parseJson } from "../core/json.js";
import type { SourceCache } from "./source.js";
import { SourceRequestError } from "./source-errors.js";

/** A response worth keeping: a 2xx, or a status the caller declared expected (a pageviews 404). */
export interface JsonResponse {
  status: number;
  body: unknown;
}

export interface JsonClientOptions {
  /** Names the source in errors ("wikipedia"). */
  source: string;
  fetch: typeof globalThis.fetch;
  cache: SourceCache;
  /** Sent with every request (User-Agent, Authorization); never logged or put into errors. */
  headers: Record<string, string>;
  /** Longest Retry-After we wait for; a longer one fails at once. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
}

export type JsonClient = (
  url: string,
  options?: { signal?: AbortSignal | undefined; expectedStatuses?: readonly number[] },
) => Promise<JsonResponse>;

const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * GETs JSON through the cache, keyed by URL: a cached URL costs no request. A 429 is retried once
 * after its Retry-After (seconds or an HTTP date; 1 s when absent); any other non-2xx status that is
 * not expected, a second 429, a network failure or a body that is not JSON is a SourceRequestError.
 */
export function createJsonClient(options: JsonClientOptions): JsonClient {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fail = (
    url: string,
    message: string,
    extra: Partial<ConstructorParameters<typeof SourceRequestError>[0]> = {},
  ) =>
    new SourceRequestError({
      source: options.source,
      url,
      message: `${options.source}: ${message}`,
      ...extra,
    });

  const request = async (url: string, signal: AbortSignal | undefined): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await options.fetch(url, {
        headers: { Accept: "application/json", ...options.headers },
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw fail(url, `request failed: ${error instanceof Error ? error.message : String(error)} (${url})`);
    }
  };

  return async (url, callOptions = {}) => {
    const cached = await options.cache.get(url);
    if (cached !== undefined) return cached as JsonResponse;
    let response = await request(url, callOptions.signal);
    if (response.status === 429) {
      const waitMs = parseRetryAfter(response.headers.get("retry-after")) ?? DEFAULT_RETRY_AFTER_MS;
      await response.body?.cancel();
      if (waitMs > maxRetryAfterMs) {
        throw fail(url, `rate limited (HTTP 429), asked to wait ${Math.round(waitMs / 1000)} s`, {
          statusCode: 429,
          retryAfterMs: waitMs,
          hint: "try again later, or use a local mirror (baseURL)",
        });
      }
      await sleep(waitMs, callOptions.signal);
      response = await request(url, callOptions.signal);
    }
    const text = await response.text();
    const expected = response.ok || (callOptions.expectedStatuses ?? []).includes(response.status);
    if (!expected) {
      throw fail(url, `HTTP ${response.status} for ${url}`, {
        statusCode: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
        responseBody: text,
        ...(response.status === 401 || response.status === 403
          ? { hint: "check the token in the environment variable and its permissions" }
          : {}),
      });
    }
    const parsed = parseJson(text);
    if (!parsed.success) {
      throw fail(url, `the response is not JSON (HTTP ${response.status}, ${url})`, {
        statusCode: response.status,
        responseBody: text,
      });
    }
    const result: JsonResponse = { status: response.status, body: parsed.value };
    await options.cache.set(url, result);
    return result;
  };
}

/** Milliseconds from a Retry-After header: delta-seconds or an HTTP date; undefined when unusable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (value === undefined || value === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
