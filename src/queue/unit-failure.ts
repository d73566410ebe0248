import { z } from "zod";
import {
  BenchsmithError,
  ConfigError,
  ProviderCallError,
  UnavailableError,
  UserInputError,
} from "../core/errors.js";
import { parseJson } from "../core/json.js";
import { StoreOutageError } from "./store-outage.js";

const FailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

/**
 * A worker's error as a job's failure reason: the error's code, message and hint as JSON, so the
 * coordinator rethrows it as the same kind of error (a missing key on the worker is still a user error).
 */
export function encodeUnitFailure(error: unknown): string {
  if (BenchsmithError.isInstance(error))
    return JSON.stringify({
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    });
  return JSON.stringify({
    code: "worker_error",
    message: error instanceof Error ? error.message : String(error),
  });
}

/** The failure a worker reported, as an error naming the worker side (any reason text is accepted). */
export function decodeUnitFailure(reason: string, unitName: string): BenchsmithError {
  const parsed = parseJson(reason);
  const failure = parsed.success ? FailureSchema.safeParse(parsed.value) : undefined;
  const { code, message, hint } = failure?.success
    ? failure.data
    : { code: "worker_error", message: reason, hint: undefined };
  return new BenchsmithError({
    code,
    message: `a queue worker failed ${unitName}: ${message}`,
    hint: hint ?? "see the worker's output; once fixed, continue with --resume",
  });
}

/**
 * Errors no retry can fix (a missing key, a wrong store, a 400, no local runtime, a failed download): the
 * unit fails at once. A store outage is not one of them: it goes through the queue's retries with backoff.
 */
export function isUnrecoverable(error: unknown): boolean {
  if (ProviderCallError.isInstance(error)) return !error.isRetryable;
  if (error instanceof StoreOutageError) return false;
  return (
    UserInputError.isInstance(error) ||
    ConfigError.isInstance(error) ||
    UnavailableError.isInstance(error) ||
    (BenchsmithError.isInstance(error) && error.code === "budget")
  );
}

/** A 429 that outlived the provider layer's retries: how long to pause the provider's queue. */
export function rateLimitPauseMs(error: unknown): number | undefined {
  if (!ProviderCallError.isInstance(error) || error.statusCode !== 429) return undefined;
  return error.retryAfterMs ?? 1000;
}
