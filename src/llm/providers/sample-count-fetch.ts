import { parseJson } from "../../core/json.js";

/** Marks a call that wants several samples; the fetch below turns it into the body's `n`. */
export const SAMPLE_COUNT_HEADER = "x-benchsmith-sample-count";

/**
 * A fetch that adds `n` to a chat-completions body when the call carries SAMPLE_COUNT_HEADER (and
 * drops the header): the AI SDK's OpenAI chat model has no `n` setting, but it forwards per-call
 * headers, and its raw response body keeps every choice. Calls without the header go out untouched.
 */
export function withSampleCount(send: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    // The SDK sends a plain record with lower-case names: most calls are decided without copying it.
    if (!carriesSampleCount(init?.headers)) return send(input, init);
    const headers = new Headers(init?.headers);
    const count = Number(headers.get(SAMPLE_COUNT_HEADER));
    if (typeof init?.body !== "string") return send(input, init);
    headers.delete(SAMPLE_COUNT_HEADER);
    const body = parseJson(init.body);
    const isObject = body.success && typeof body.value === "object" && body.value !== null;
    if (!isObject || !Number.isInteger(count) || count < 2) return send(input, { ...init, headers });
    return send(input, { ...init, headers, body: JSON.stringify({ ...(body.value as object), n: count }) });
  };
}

function carriesSampleCount(headers: HeadersInit | undefined): boolean {
  if (headers === undefined) return false;
  if (headers instanceof Headers || Array.isArray(headers))
    return new Headers(headers).has(SAMPLE_COUNT_HEADER);
  return Object.keys(headers).some((name) => name.toLowerCase() === SAMPLE_COUNT_HEADER);
}
