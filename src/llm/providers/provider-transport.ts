import { STATUS_CODES } from "node:http";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import type { Dispatcher } from "undici";

/** Node's own fetch as loaded: a global replaced later (a test double, a proxy shim) is honoured instead. */
const nativeFetch = globalThis.fetch;

// Loaded on the first call: importing undici costs ~300 ms, off the CLI's start path.
let undiciRequest: Promise<typeof import("undici").request> | undefined;

const METHODS: Readonly<Record<string, Dispatcher.HttpMethod>> = {
  GET: "GET",
  POST: "POST",
  PUT: "PUT",
  PATCH: "PATCH",
  DELETE: "DELETE",
  HEAD: "HEAD",
};

// What fetch asks for and undoes; request() does neither, and remote APIs compress large bodies.
const ACCEPT_ENCODING = "gzip, deflate, br";
const DECODERS: Readonly<Record<string, (bytes: Uint8Array) => Promise<Uint8Array>>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

// Statuses whose Response must have a null body (the Response constructor throws otherwise).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
// The statuses fetch follows (or, with `redirect: "error"`, refuses).
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The default fetch of the OpenAI-family providers: a fetch-shaped adapter over undici's `request()`
 * on the global dispatcher (keep-alive pools, and a user's `setGlobalDispatcher(new ProxyAgent(...))`
 * still applies). It skips fetch's Request/Response stream machinery, which cost about a third of
 * the client CPU per call at concurrency 64 (docs/decisions/0018-provider-transport.md). Our calls
 * are JSON bodies in, whole JSON bodies out (no streaming), so the body is read before returning.
 * Redirects are refused with one clear error: an API call that is redirected would be re-sent to
 * another host, and a POST may arrive there as a GET. Anything else (a Request object, a
 * FormData or stream body, an unusual method) goes through the global fetch unchanged.
 */
export const providerFetch: typeof globalThis.fetch = async (input, init) => {
  const method = METHODS[init?.method ?? "GET"];
  const body = init?.body;
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
  const isPlain = method !== undefined && url !== undefined && (body == null || typeof body === "string");
  if (!isPlain || globalThis.fetch !== nativeFetch) return globalThis.fetch(input, init);
  undiciRequest ??= import("undici").then((undici) => undici.request);
  const request = await undiciRequest;
  const response = await request(url, {
    method,
    headers: toRequestHeaders(init?.headers),
    body: body ?? null,
    signal: init?.signal ?? null,
  });
  if (REDIRECT_STATUSES.has(response.statusCode)) {
    await response.body.dump();
    throw new Error(redirectMessage(url, response.statusCode, response.headers.location));
  }
  const hasBody = method !== "HEAD" && !NULL_BODY_STATUSES.has(response.statusCode);
  if (!hasBody) await response.body.dump();
  const headers = toHeaders(response.headers);
  const bytes = hasBody
    ? await decodedBody(new Uint8Array(await response.body.arrayBuffer()), headers)
    : null;
  // The SDK's error for an empty error body is the status text.
  return new Response(bytes, {
    status: response.statusCode,
    statusText: STATUS_CODES[response.statusCode] ?? "",
    headers,
  });
};

/** Undoes Content-Encoding (and drops the headers that described the encoded bytes), as fetch does. */
async function decodedBody(
  bytes: Uint8Array<ArrayBuffer>,
  headers: Headers,
): Promise<Uint8Array<ArrayBuffer>> {
  const encodings = (headers.get("content-encoding") ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== "" && encoding !== "identity");
  if (encodings.length === 0) return bytes;
  let decoded = bytes;
  // Listed in the order they were applied: undo from the last.
  for (const encoding of encodings.reverse()) {
    const decode = DECODERS[encoding];
    if (decode === undefined)
      throw new Error(`the response is encoded as "${encoding}", which we cannot decode`);
    decoded = new Uint8Array(await decode(decoded));
  }
  headers.delete("content-encoding");
  headers.delete("content-length");
  return decoded;
}

function redirectMessage(url: string, statusCode: number, location: string | string[] | undefined): string {
  const target =
    typeof location === "string" && URL.canParse(location, url) ? ` to ${new URL(location, url).href}` : "";
  return `${url} answered with a redirect (HTTP ${statusCode})${target}; API calls do not follow redirects: set the provider's baseURL to the final address`;
}

// The AI SDK hands a plain record (lower-case names); other shapes are rare and get copied.
function toRequestHeaders(headers: HeadersInit | undefined): Record<string, string> {
  if (headers === undefined) return { "accept-encoding": ACCEPT_ENCODING };
  if (!(headers instanceof Headers) && !Array.isArray(headers)) {
    const named = Object.keys(headers).some((name) => name.toLowerCase() === "accept-encoding");
    return named ? headers : { ...headers, "accept-encoding": ACCEPT_ENCODING };
  }
  const record: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING };
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === "string") headers.append(name, value);
    else if (value !== undefined) for (const item of value) headers.append(name, item);
  }
  return headers;
}
