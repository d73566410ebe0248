import { UnavailableError } from "../core/errors.js";

/** How long a budget claim or a rate admission may wait for Redis (an outage) before the call fails. */
export const REDIS_DEADLINE_MS = 60_000;

/**
 * `work` (a Redis command the queue's connection would otherwise queue for as long as Redis is away)
 * bounded by REDIS_DEADLINE_MS: past it, the model call fails as unavailable (resumable) instead of
 * hanging in silence.
 */
export async function withinRedisDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UnavailableError(
            `the work queue's Redis did not answer ${what} within ${REDIS_DEADLINE_MS / 1000} s`,
            "the work so far is stored; once Redis is back, continue with --resume",
          ),
        ),
      REDIS_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
