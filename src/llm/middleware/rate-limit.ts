import { ConfigError } from "../../core/errors.js";
import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
  type TokenUsage,
} from "../../core/language-model.js";
import { TokenBucket } from "./token-bucket.js";

export interface RateLimiterOptions {
  /** Most requests in flight at once. */
  concurrency: number;
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
  /** Injectable clock in ms (tests). */
  now?: () => number;
}

export interface RateLimitPermit {
  /** Frees the slot; `actualTokens` corrects the token estimate charged at acquire time. */
  release(actualTokens?: number): void;
}

export interface RateLimiter {
  acquire(options: { estimatedTokens: number; signal?: AbortSignal | undefined }): Promise<RateLimitPermit>;
  readonly inFlight: number;
  readonly queued: number;
}

interface Waiter {
  cost: number;
  resolve: (permit: RateLimitPermit) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * One limiter per provider, shared by all its models: a FIFO queue in front of a concurrency cap
 * and optional requests/tokens-per-minute buckets (tokens charged as an estimate, corrected after).
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { concurrency } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigError({ message: `concurrency must be a whole number >= 1, got ${concurrency}` });
  }
  const now = options.now ?? (() => performance.now());
  const requests = positive(options.requestsPerMinute)
    ? new TokenBucket(options.requestsPerMinute, now())
    : undefined;
  const tokens = positive(options.tokensPerMinute)
    ? new TokenBucket(options.tokensPerMinute, now())
    : undefined;
  const queue: Waiter[] = [];
  let inFlight = 0;
  let wakeScheduled = false;

  const grant = (cost: number): RateLimitPermit => {
    inFlight++;
    requests?.take(1);
    tokens?.take(cost);
    let released = false;
    return {
      release(actualTokens) {
        if (released) return;
        released = true;
        inFlight--;
        if (tokens !== undefined && actualTokens !== undefined) tokens.adjust(cost - actualTokens, now());
        pump();
      },
    };
  };

  const waitMs = (cost: number): number => {
    const time = now();
    return Math.max(requests?.waitMs(1, time) ?? 0, tokens?.waitMs(cost, time) ?? 0);
  };

  function pump(): void {
    while (queue.length > 0 && inFlight < concurrency) {
      const head = queue[0] as Waiter;
      const wait = waitMs(head.cost);
      if (wait > 0) {
        if (!wakeScheduled) {
          wakeScheduled = true;
          setTimeout(() => {
            wakeScheduled = false;
            pump();
          }, Math.ceil(wait));
        }
        return;
      }
      queue.shift();
      head.signal?.removeEventListener("abort", head.onAbort);
      head.resolve(grant(head.cost));
    }
  }

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return queue.length;
    },
    acquire({ estimatedTokens, signal }) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      // Fast path: nobody waiting and room now.
      if (queue.length === 0 && inFlight < concurrency && waitMs(estimatedTokens) === 0) {
        return Promise.resolve(grant(estimatedTokens));
      }
      return new Promise<RateLimitPermit>((resolve, reject) => {
        const waiter: Waiter = { cost: estimatedTokens, resolve, reject, signal, onAbort: () => {} };
        waiter.onAbort = () => {
          const position = queue.indexOf(waiter);
          if (position >= 0) queue.splice(position, 1);
          reject(signal?.reason);
          pump();
        };
        signal?.addEventListener("abort", waiter.onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
  };
}

/** Every call (each retry attempt too, when placed inside retry) takes a slot from the limiter; a request for several samples takes one. */
export function rateLimitMiddleware(limiter: RateLimiter): ModelMiddleware {
  const limited = async <T>(
    request: GenerateOptions,
    estimatedTokens: number,
    call: () => Promise<T>,
    usageOf: (result: T) => readonly TokenUsage[],
  ): Promise<T> => {
    const permit = await limiter.acquire({ estimatedTokens, signal: request.abortSignal });
    try {
      const result = await call();
      permit.release(totalTokens(usageOf(result)));
      return result;
    } catch (error) {
      permit.release();
      throw error;
    }
  };
  return (model: LanguageModel): LanguageModel => {
    const samples = model.doGenerateSamples?.bind(model);
    return {
      ...identityOf(model),
      doGenerate: (request: GenerateOptions): Promise<GenerateResult> =>
        limited(
          request,
          estimateTokens(request),
          () => model.doGenerate(request),
          (result) => [result.usage],
        ),
      ...(samples === undefined
        ? {}
        : {
            doGenerateSamples: (request: GenerateOptions, sampleIndices: readonly (number | undefined)[]) =>
              limited(
                request,
                // The prompt once, an output budget per sample.
                estimateTokens(request) + (sampleIndices.length - 1) * (request.maxTokens ?? 0),
                () => samples(request, sampleIndices),
                (results) => results.map((result) => result.usage),
              ),
          }),
    };
  };
}

/** Input plus output tokens of a call's results; undefined when any count is unknown. */
function totalTokens(usages: readonly TokenUsage[]): number | undefined {
  let total = 0;
  for (const { inputTokens, outputTokens } of usages) {
    if (inputTokens === undefined || outputTokens === undefined) return undefined;
    total += inputTokens + outputTokens;
  }
  return total;
}

/** ~4 characters per token for the prompt, plus the output budget when one is set. */
export function estimateTokens(request: GenerateOptions): number {
  return estimatePromptTokens(request) + (request.maxTokens ?? 0);
}

/** The prompt alone, at ~4 characters per token. */
export function estimatePromptTokens(request: GenerateOptions): number {
  const characters = request.messages.reduce((sum, message) => sum + message.content.length, 0);
  return Math.ceil(characters / 4);
}

function positive(value: number | undefined): value is number {
  return value !== undefined && value > 0;
}
