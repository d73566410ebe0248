import {
  type EmbeddingMiddleware,
  type EmbeddingModel,
  type EmbedOptions,
  type EmbedResult,
  embeddingIdentityOf,
} from "../../core/embedding-model.js";
import { ProviderCallError } from "../../core/errors.js";
import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
} from "../../core/language-model.js";

export interface RetryOptions {
  /** Attempts after the first one. Default 4. */
  maxRetries?: number;
  /** Backoff cap of the first retry in ms; doubles per retry. Default 1000. */
  baseDelayMs?: number;
  /** Upper bound of the exponential backoff in ms. Default 60 000. */
  maxDelayMs?: number;
  /** A server asking for a longer wait than this makes us give up at once. Default 10 minutes. */
  maxRetryAfterMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1); injectable for tests. */
  random?: () => number;
  /** Called before each wait (for logs and progress). */
  onRetry?: (event: { attempt: number; delayMs: number; error: ProviderCallError }) => void;
}

/** Delay before retry number `attempt` (0-based): full jitter, never sooner than the server asked. */
export function retryDelayMs(options: {
  attempt: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryAfterMs: number | undefined;
  random: () => number;
}): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** options.attempt);
  const jittered = options.random() * cap;
  return Math.max(jittered, options.retryAfterMs ?? 0);
}

/**
 * Runs `call`, retrying retryable ProviderCallErrors (429, 408, 409, 5xx, network, timeout) with
 * exponential backoff and full jitter, honouring Retry-After. Anything else, or the last failure, is
 * rethrown. Shared by the generation and the embedding retry middleware.
 */
export function createRetrier(
  options: RetryOptions = {},
): <T>(call: () => Promise<T>, signal: AbortSignal | undefined) => Promise<T> {
  const maxRetries = options.maxRetries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 600_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;

  return async <T>(call: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!ProviderCallError.isInstance(error) || !error.isRetryable || attempt >= maxRetries) throw error;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) throw error;
        if (signal?.aborted) throw error;
        const delayMs = retryDelayMs({
          attempt,
          baseDelayMs,
          maxDelayMs,
          retryAfterMs: error.retryAfterMs,
          random,
        });
        options.onRetry?.({ attempt: attempt + 1, delayMs, error });
        await sleep(delayMs, signal);
      }
    }
  };
}

/** Retries a language model's calls (see createRetrier); a request for several samples is retried whole. */
export function retryMiddleware(options: RetryOptions = {}): ModelMiddleware {
  const retry = createRetrier(options);
  return (model: LanguageModel): LanguageModel => {
    const samples = model.doGenerateSamples?.bind(model);
    return {
      ...identityOf(model),
      doGenerate: (request: GenerateOptions): Promise<GenerateResult> =>
        retry(() => model.doGenerate(request), request.abortSignal),
      ...(samples === undefined
        ? {}
        : {
            doGenerateSamples: (request: GenerateOptions, sampleIndices: readonly (number | undefined)[]) =>
              retry(() => samples(request, sampleIndices), request.abortSignal),
          }),
    };
  };
}

/** Retries an embedding model's calls (see createRetrier); each batch is retried on its own. */
export function embeddingRetryMiddleware(options: RetryOptions = {}): EmbeddingMiddleware {
  const retry = createRetrier(options);
  return (model: EmbeddingModel): EmbeddingModel => ({
    ...embeddingIdentityOf(model),
    doEmbed: (request: EmbedOptions): Promise<EmbedResult> =>
      retry(() => model.doEmbed(request), request.abortSignal),
  });
}

/** setTimeout as a promise that rejects when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
