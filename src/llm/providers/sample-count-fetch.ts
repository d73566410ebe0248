import { parseJson } from "../../core/json.js";

/** Marks a call that wants several samples; the fetch below turns it into the body's `n`. */
export const SAMPLE_COUNT_HEADER = "x-benchsmith-sample-count";

/**
 * A fetch that adds `n` to a chat-completions body when the call carries SAMPLE_COUNT_HEADER (and
 * drops the header): the AI SDK's OpenAI chat model has no `n` setting, but it forwards per-call
 * headers, and its raw response body keeps every choice. Calls without the header go out untouched.
 */
export function withSampleCount(fetch: typeof globalThis.fetch | undefined): typeof globalThis.fetch {
  return (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    // Looked up at call time, like the SDK does, so a test's or proxy's global fetch is honoured.
    const send = fetch ?? globalThis.fetch;
    const headers = new Headers(init?.headers);
    const count = Number(headers.get(SAMPLE_COUNT_HEADER));
    if (!headers.has(SAMPLE_COUNT_HEADER) || typeof init?.body !== "string") return send(input, init);
    headers.delete(SAMPLE_COUNT_HEADER);
    const body = parseJson(init.body);
    const isObject = body.success && typeof body.value === "object" && body.value !== null;
    if (!isObject || !Number.isInteger(count) || count < 2) return send(input, { ...init, headers });
    return send(input, { ...init, headers, body: JSON.stringify({ ...(body.value as object), n: count }) });
  };
}
