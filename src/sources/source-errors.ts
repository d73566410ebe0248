import { BenchsmithError } from "../core/errors.js";

/**
 * An HTTP request of a source (Wikipedia, pageviews) failed: a non-2xx status, an API-level error,
 * a body that is not the expected JSON, or a network failure (`statusCode` undefined).
 */
export class SourceRequestError extends BenchsmithError {
  readonly source: string;
  readonly url: string;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** The first 500 characters of the response body, when there was one. */
  readonly responseBody: string | undefined;

  constructor(options: {
    source: string;
    url: string;
    message: string;
    statusCode?: number | undefined;
    retryAfterMs?: number | undefined;
    responseBody?: string | undefined;
    hint?: string;
    cause?: unknown;
  }) {
    super({ code: "source_request", message: options.message, hint: options.hint, cause: options.cause });
    this.name = "SourceRequestError";
    this.source = options.source;
    this.url = options.url;
    this.statusCode = options.statusCode;
    this.retryAfterMs = options.retryAfterMs;
    this.responseBody = options.responseBody?.slice(0, 500);
  }

  static override isInstance(error: unknown): error is SourceRequestError {
    return BenchsmithError.isInstance(error) && error.code === "source_request";
  }
}
