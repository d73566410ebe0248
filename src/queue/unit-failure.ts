import { z } from "zod";
import { BenchsmithError } from "../core/errors.js";
import { parseJson } from "../core/json.js";

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
